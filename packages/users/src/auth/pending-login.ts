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
