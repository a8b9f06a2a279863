import type { Kysely } from 'kysely';
import { toIso, type Clock } from '../clock';
import { preparedQuery } from '../db/prepared';
import type { Database } from '../db/types';
import { describeDevice } from '../sessions/device';

/** Everything worth an entry in the append-only security log (SECURITY.md › Audit). */
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
  | 'admin_settings_updated';

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

export interface SecurityEvent {
  id: number;
  event: string;
  userId: number | null;
  actorId: number | null;
  ip: string | null;
  userAgent: string | null;
  details: Record<string, unknown> | null;
  /** The user agent in words. */
  device: string | null;
  /** Done by an administrator to this account (not by its owner). */
  byAdministrator: boolean;
  createdAt: string;
}

export async function logSecurityEvent(
  db: Kysely<Database>,
  clock: Clock,
  input: SecurityEventInput,
): Promise<void> {
  await insertEvent(
    db,
    input.event,
    input.userId,
    input.actorId ?? null,
    input.ip?.slice(0, 64) ?? null,
    input.userAgent?.slice(0, 512) ?? null,
    input.details ? JSON.stringify(input.details).slice(0, 2000) : null,
    clock.now(),
  );
}

/** Written on every sign-in and change: compiled once. */
const insertEvent = preparedQuery(
  (
    db,
    event: string,
    userId: number | null,
    actorId: number | null,
    ip: string | null,
    userAgent: string | null,
    details: string | null,
    createdAt: number,
  ) =>
    db
      .insertInto('securityEvents')
      .values({ event, userId, actorId, ip, userAgent, details, createdAt }),
);

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
  db: Kysely<Database>,
  options: { userId?: number; limit?: number },
): Promise<SecurityEvent[]> {
  let query = db
    .selectFrom('securityEvents')
    .select(['id', 'event', 'userId', 'actorId', 'ip', 'userAgent', 'details', 'createdAt'])
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit ?? 20);
  if (options.userId !== undefined) query = query.where('userId', '=', options.userId);
  const rows = await query.execute();
  return rows.map((row) => ({
    ...row,
    details: parseDetails(row.details),
    device: row.userAgent ? describeDevice(row.userAgent) : null,
    byAdministrator: row.actorId !== null && row.actorId !== row.userId,
    createdAt: toIso(row.createdAt),
  }));
}

/**
 * A user's own recent activity. What an administrator did to the account is there ("an
 * administrator reset your password"), without the administrator's IP address or device.
 */
export async function listOwnSecurityEvents(
  db: Kysely<Database>,
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
