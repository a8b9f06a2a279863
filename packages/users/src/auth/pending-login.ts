import { type Clock, MINUTE } from '../clock';
import type { Db } from '../db/transaction';
import type { RequestMeta } from '../services';
import { generateToken, hashToken } from '../util/tokens';
import { deletePendingLoginsExpiredBy, insertPendingLogin } from './pending-logins.repository';

/** A password-checked login waiting for its MFA code: grants nothing else, lives 5 minutes. */
export const PENDING_LOGIN_MS = 5 * MINUTE;
export const PENDING_LOGIN_MAX_FAILURES = 5;

type PendingDeps = { db: Db; clock: Clock };

export async function createPendingLogin(
  s: PendingDeps,
  userId: number,
  meta: RequestMeta,
): Promise<{ token: string; expiresAt: number }> {
  const token = generateToken();
  const now = s.clock.now();
  const expiresAt = now + PENDING_LOGIN_MS;
  await insertPendingLogin(s.db, {
    tokenHash: hashToken(token),
    userId,
    createdAt: now,
    expiresAt,
    failedAttempts: 0,
    ip: meta.ip?.slice(0, 64) ?? null,
    userAgent: meta.userAgent?.slice(0, 512) ?? null,
  });
  return { token, expiresAt };
}

export function deleteExpiredPendingLogins(s: PendingDeps): Promise<number> {
  return deletePendingLoginsExpiredBy(s.db, s.clock.now());
}
