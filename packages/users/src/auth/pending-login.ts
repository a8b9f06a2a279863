import { MINUTE } from '../clock';
import type { RequestMeta, Services } from '../services';
import { generateToken, hashToken } from '../util/tokens';

/** A password-checked login waiting for its MFA code: grants nothing else, lives 5 minutes. */
export const PENDING_LOGIN_MS = 5 * MINUTE;
export const PENDING_LOGIN_MAX_FAILURES = 5;

export async function createPendingLogin(
  s: Services,
  userId: number,
  meta: RequestMeta,
): Promise<{ token: string; expiresAt: number }> {
  const token = generateToken();
  const now = s.clock.now();
  const expiresAt = now + PENDING_LOGIN_MS;
  await s.db
    .insertInto('pendingLogins')
    .values({
      tokenHash: hashToken(token),
      userId,
      createdAt: now,
      expiresAt,
      failedAttempts: 0,
      ip: meta.ip?.slice(0, 64) ?? null,
      userAgent: meta.userAgent?.slice(0, 512) ?? null,
    })
    .execute();
  return { token, expiresAt };
}

export async function deleteExpiredPendingLogins(
  db: Services['db'],
  clock: Services['clock'],
): Promise<number> {
  const result = await db
    .deleteFrom('pendingLogins')
    .where('expiresAt', '<=', clock.now())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export interface PendingLogin {
  tokenHash: string;
  userId: number;
  expiresAt: number;
}

export async function findPendingLogin(
  db: Services['db'],
  tokenHash: string,
): Promise<PendingLogin | undefined> {
  return db
    .selectFrom('pendingLogins')
    .select(['tokenHash', 'userId', 'expiresAt'])
    .where('tokenHash', '=', tokenHash)
    .executeTakeFirst();
}

/**
 * Takes one of the pending sign-in's attempts before its code is judged, by one conditional
 * update: of any number of simultaneous codes, at most 5 ever get an attempt. Returns the
 * attempt's number (1–5), or null when the sign-in has ended or expired.
 */
export async function takePendingAttempt(
  db: Services['db'],
  tokenHash: string,
  now: number,
): Promise<number | null> {
  const row = await db
    .updateTable('pendingLogins')
    .set((eb) => ({ failedAttempts: eb('failedAttempts', '+', 1) }))
    .where('tokenHash', '=', tokenHash)
    .where('failedAttempts', '<', PENDING_LOGIN_MAX_FAILURES)
    .where('expiresAt', '>', now)
    .returning('failedAttempts')
    .executeTakeFirst();
  return row ? row.failedAttempts : null;
}

/** Ends a pending sign-in; true when this call ended it (so two completions cannot both win). */
export async function endPendingLogin(db: Services['db'], tokenHash: string): Promise<boolean> {
  const result = await db
    .deleteFrom('pendingLogins')
    .where('tokenHash', '=', tokenHash)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function endUserPendingLogins(db: Services['db'], userId: number): Promise<void> {
  await db.deleteFrom('pendingLogins').where('userId', '=', userId).execute();
}
