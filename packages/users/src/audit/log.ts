import { toIso, type Clock } from '../clock';
import type { SecurityEvent } from '../schemas/outputs';
import type { Db } from '../db/transaction';
import { describeDevice, deviceParts } from '../sessions/device';
import { getSecurityEvents, insertSecurityEvent } from './security-events.repository';

/** Everything worth an entry in the append-only security log (README › Security). */
export type SecurityEventType =
  | 'login_succeeded'
  | 'login_failed'
  | 'login_blocked'
  | 'login_throttled'
  | 'mfa_failed'
  | 'logout'
  | 'signup'
  | 'email_verified'
  | 'password_changed'
  | 'password_reset_requested'
  | 'password_reset'
  | 'email_changed'
  | 'email_change_requested'
  | 'step_up_failed'
  | 'mfa_enabled'
  | 'mfa_disabled'
  | 'mfa_backup_codes_regenerated'
  | 'mfa_backup_code_used'
  | 'session_revoked'
  | 'sessions_revoked'
  | 'admin_created'
  | 'admin_user_created'
  | 'admin_user_updated'
  | 'admin_user_approved'
  | 'admin_user_rejected'
  | 'admin_password_set'
  | 'admin_user_deleted'
  | 'admin_sessions_revoked'
  | 'admin_settings_updated'
  | 'admin_provider_created'
  | 'admin_provider_updated'
  | 'admin_provider_deleted'
  | 'provider_login_succeeded'
  | 'provider_login_refused'
  | 'identity_linked'
  | 'identity_unlinked'
  | 'passkey_added'
  | 'passkey_removed'
  | 'passkey_renamed'
  | 'passkey_counter_regressed'
  | 'admin_second_factors_reset'
  | 'api_key_created'
  | 'api_key_revoked'
  | 'api_key_refused'
  | 'admin_api_key_revoked'
  | 'account_deleted';

export interface SecurityEventInput {
  event: SecurityEventType;
  /** The account the event is about. */
  userId: number | null;
  /** Who did it, when not the user themself (an admin). */
  actorId?: number | null;
  ip?: string | null;
  userAgent?: string | null;
  /** Small facts (field names, a count); never a password, token or code. */
  details?: Record<string, string | number | boolean | null>;
}

/** Appends an entry, in the caller's transaction when `s.db` is one. */
export async function logSecurityEvent(
  s: { db: Db; clock: Clock },
  input: SecurityEventInput,
): Promise<void> {
  await insertSecurityEvent(s.db, {
    event: input.event,
    userId: input.userId,
    actorId: input.actorId ?? null,
    ip: input.ip?.slice(0, 64) ?? null,
    userAgent: input.userAgent?.slice(0, 512) ?? null,
    details: input.details ? JSON.stringify(input.details).slice(0, 2000) : null,
    createdAt: s.clock.now(),
  });
}

function parseDetails(details: string | null): Record<string, unknown> | null {
  if (!details) return null;
  try {
    return JSON.parse(details) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** Most recent first. With no userId, everyone's (for admins). */
export async function listSecurityEvents(
  db: Db,
  options: { userId?: number; limit?: number },
): Promise<SecurityEvent[]> {
  const rows = await getSecurityEvents(db, {
    limit: options.limit ?? 20,
    ...(options.userId === undefined ? {} : { userId: options.userId }),
  });
  return rows.map((row) => ({
    ...row,
    details: parseDetails(row.details),
    device: row.userAgent ? describeDevice(row.userAgent) : null,
    ...deviceParts(row.userAgent),
    byAdministrator: row.actorId !== null && row.actorId !== row.userId,
    createdAt: toIso(row.createdAt),
  }));
}

/**
 * A user's own recent activity. What an administrator did to the account is there ("an
 * administrator reset your password"), without the administrator's IP address or device.
 */
export async function listOwnSecurityEvents(
  db: Db,
  userId: number,
  limit = 20,
): Promise<SecurityEvent[]> {
  const events = await listSecurityEvents(db, { userId, limit });
  return events.map((event) =>
    event.byAdministrator
      ? { ...event, actorId: null, ip: null, userAgent: null, device: null }
      : event,
  );
}
