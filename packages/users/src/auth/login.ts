import { logSecurityEvent } from '../audit/log';
import { Forbidden, InvalidCredentials } from '../errors';
import { getServerSettings } from '../settings/settings.repository';
import type { UsersMe } from '../schemas/users';
import type { RequestMeta, Services } from '../services';
import { type CreatedSession, createSession } from '../sessions/sessions.service';
import { accountKeyFor } from '../throttle/limits';
import { clearAccountFailures, releaseReservation } from '../throttle/throttle';
import { toUsersRead } from '../users/users.columns';
import { getUserMe } from '../users/me';
import { getUserCredentials, NO_PASSWORD } from '../users/users.repository';
import { checkUserIsActive } from '../users/users.service';
import { judge, reserveAttempt } from './attempts';
import { createPendingLogin } from './pending-login';
import { type SecondStepMethod, secondStepMethods } from '../passkeys/second-step';

export type LoginResult =
  | { status: 'authenticated'; user: UsersMe; session: CreatedSession }
  | {
      status: 'mfa_required';
      pendingToken: string;
      expiresAt: number;
      methods: SecondStepMethod[];
    };

/**
 * Checks a username (or email) and password. Unknown user and wrong password fail alike, in about
 * the same time; why an account may not sign in is said only after its correct password. The
 * attempt takes its throttle slot before the password is judged.
 */
export async function login(
  s: Services,
  meta: RequestMeta,
  credentials: { username: string; password: string },
): Promise<LoginResult> {
  const record = await getUserCredentials(s.db, credentials.username);
  const userId = record?.id ?? null;
  const keys = { account: accountKeyFor(userId, credentials.username), ip: meta.ip };
  const reservation = await reserveAttempt(s, meta, keys, userId);

  const passwordOk = await judge(s, reservation, async () => {
    if (record && record.passwordHash !== NO_PASSWORD) {
      return s.hasher.verify(credentials.password, record.passwordHash);
    }
    await s.hasher.verifyDummy(credentials.password);
    return false;
  });
  if (!record || !passwordOk) {
    await logSecurityEvent(s, { event: 'login_failed', userId, ...meta });
    throw new InvalidCredentials();
  }
  // The password was right: this attempt is no failure. The others stay until every factor is given.
  await releaseReservation(s, reservation);

  const user = toUsersRead(record);
  try {
    checkUserIsActive({ ...user, awaitingVerification: Boolean(record.awaitingVerification) });
  } catch (error) {
    await logSecurityEvent(s, { event: 'login_blocked', userId: user.id, ...meta });
    throw error;
  }

  // Told, like the account states, only after a correct password: it says nothing of who is an
  // admin to someone guessing.
  if (user.accessType !== 'admin' && !(await getServerSettings(s.db)).passwordLoginEnabled) {
    await logSecurityEvent(s, { event: 'login_blocked', userId: user.id, ...meta });
    throw new Forbidden(
      'Signing in with a password is turned off on this server. Use your identity provider.',
      'PASSWORD_LOGIN_DISABLED',
    );
  }

  if (user.mfaEnabled) {
    const pending = await createPendingLogin(s, user.id, meta);
    return {
      status: 'mfa_required',
      pendingToken: pending.token,
      expiresAt: pending.expiresAt,
      methods: await secondStepMethods(s, user.id),
    };
  }
  await clearAccountFailures(s, keys.account);
  const session = await createSession(s, user.id, meta);
  await logSecurityEvent(s, { event: 'login_succeeded', userId: user.id, ...meta });
  return { status: 'authenticated', user: await getUserMe(s, user.id, user), session };
}
