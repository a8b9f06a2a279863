import { logSecurityEvent } from '../audit/log';
import { InvalidCredentials, Throttled } from '../errors';
import type { UsersMe } from '../schemas/users';
import type { RequestMeta, Services } from '../services';
import { type CreatedSession, createSession } from '../sessions/sessions';
import {
  accountKeyFor,
  assertLoginAllowed,
  clearAccountFailures,
  recordLoginFailure,
} from '../throttle/throttle';
import { toUsersRead } from '../users/mapping';
import { getUserMe } from '../users/me';
import { checkUserIsActive, getUserCredentials } from '../users/queries';
import { createPendingLogin } from './pending-login';

export type LoginResult =
  | { status: 'authenticated'; user: UsersMe; session: CreatedSession }
  | { status: 'mfa_required'; pendingToken: string; expiresAt: number };

/**
 * Checks a username (or email) and password. Unknown user and wrong password fail alike, in about
 * the same time; why an account may not sign in is said only after its correct password.
 */
export async function login(
  s: Services,
  meta: RequestMeta,
  credentials: { username: string; password: string },
): Promise<LoginResult> {
  const record = await getUserCredentials(s.db, credentials.username);
  const keys = { account: accountKeyFor(record?.id ?? null, credentials.username), ip: meta.ip };
  const userId = record?.id ?? null;

  try {
    await assertLoginAllowed(s.db, s.clock, keys);
  } catch (error) {
    if (error instanceof Throttled) {
      await logSecurityEvent(s.db, s.clock, { event: 'login_throttled', userId, ...meta });
    }
    throw error;
  }

  const passwordOk = record
    ? await s.hasher.verify(credentials.password, record.passwordHash)
    : (await s.hasher.verifyDummy(credentials.password), false);
  if (!record || !passwordOk) {
    await recordLoginFailure(s.db, s.clock, keys);
    await logSecurityEvent(s.db, s.clock, { event: 'login_failed', userId, ...meta });
    throw new InvalidCredentials();
  }
  await clearAccountFailures(s.db, keys.account);

  const user = toUsersRead(record);
  try {
    checkUserIsActive({ ...user, awaitingVerification: Boolean(record.awaitingVerification) });
  } catch (error) {
    await logSecurityEvent(s.db, s.clock, { event: 'login_blocked', userId: user.id, ...meta });
    throw error;
  }

  if (user.mfaEnabled) {
    const pending = await createPendingLogin(s, user.id, meta);
    return { status: 'mfa_required', pendingToken: pending.token, expiresAt: pending.expiresAt };
  }
  const session = await createSession(s.db, s.clock, s.sessionPolicy, user.id, meta);
  await logSecurityEvent(s.db, s.clock, { event: 'login_succeeded', userId: user.id, ...meta });
  return { status: 'authenticated', user: await getUserMe(s.db, user.id, user), session };
}
