import crypto from 'node:crypto';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { logSecurityEvent } from '../audit/log';
import { judge, reserveAttempt } from '../auth/attempts';
import { verifyStepUp } from '../auth/step-up';
import { MINUTE, toIso } from '../clock';
import { inTransaction } from '../db/transaction';
import { DomainError, LimitReached, NotFound, PendingLoginEnded, UserNotFound } from '../errors';
import { getPendingLogin } from '../auth/pending-logins.repository';
import { LastSignInMethod } from '../oidc/identities.service';
import type { PasskeyRead } from '../schemas/passkeys';
import type { StepUp } from '../schemas/step-up';
import type { UsersMe } from '../schemas/users';
import type { RequestMeta, Services } from '../services';
import { type CreatedSession, createSession } from '../sessions/sessions.service';
import { accountKeyFor } from '../throttle/limits';
import {
  clearAccountFailures,
  releaseReservation,
  takePasskeyOptionsAllowance,
} from '../throttle/throttle';
import { getUserMe } from '../users/me';
import { getUserById, getUserCredentials, lockUserRow } from '../users/users.repository';
import { checkUserIsActive } from '../users/users.service';
import { constantTimeEqual, hashToken } from '../util/tokens';
import { deleteChallengesExpiredBy, insertChallenge, takeChallenge } from './challenges.repository';
import {
  advancePasskeyCounter,
  countPasskeysOfUser,
  deletePasskeyOfUser,
  getPasskeyByCredentialId,
  getPasskeyOfUser,
  insertPasskey,
  listPasskeysOfUser,
  type PasskeyRow,
  renamePasskeyOfUser,
} from './passkeys.repository';
import { signInMethodsLeft } from './sign-in-methods';

/** A ceremony's options must be answered within this long. */
export const CHALLENGE_MS = 5 * MINUTE;

/**
 * Everything WebAuthn is @simplewebauthn/server's: options, and the verification of every answer
 * (origin, RP id, challenge, user verification, signature, counter). Roster keeps challenges,
 * credentials and the rules around them.
 */

/** The relying party: APP_URL's hostname and origin. */
function relyingParty(s: Pick<Services, 'appUrl'>) {
  return { rpID: s.appUrl.hostname, origin: s.appUrl.origin, rpName: 'Roster' };
}

/**
 * How many passkeys one account may hold: far above the devices and password managers of one
 * person, and a bound on what one password can write (and on the list each ceremony sends).
 */
export const MAX_PASSKEYS_PER_USER = 50;

const tooManyPasskeys = () =>
  new LimitReached(
    'PASSKEY_LIMIT',
    MAX_PASSKEYS_PER_USER,
    `An account can hold at most ${String(MAX_PASSKEYS_PER_USER)} passkeys. Remove one you no longer use, then try again.`,
  );

export class PasskeyFailed extends DomainError {
  constructor(message = 'The passkey could not be verified. Try again.') {
    super('PASSKEY_FAILED', message);
  }
}

const expiredCeremony = () =>
  new DomainError('SIGN_IN_EXPIRED', 'This passkey request has expired or was already used.');

type Purpose = 'register' | 'sign_in' | 'mfa';

async function storeChallenge(
  s: Services,
  input: { challenge: string; purpose: Purpose; userId: number | null; browserToken: string },
): Promise<void> {
  const now = s.clock.now();
  await deleteChallengesExpiredBy(s.db, now);
  await insertChallenge(s.db, {
    challengeHash: hashToken(input.challenge),
    purpose: input.purpose,
    userId: input.userId,
    browserHash: hashToken(input.browserToken),
    createdAt: now,
    expiresAt: now + CHALLENGE_MS,
  });
}

/**
 * The check the library runs on the challenge of an answer: it must be one Roster issued, for
 * this purpose, user and browser, unexpired, and is used up by being checked.
 */
function challengeCheck(
  s: Services,
  expected: { purpose: Purpose; userId: number | null; browserToken: string | undefined },
  outcome: { expired: boolean },
) {
  return async (challenge: string): Promise<boolean> => {
    const row = await takeChallenge(s.db, hashToken(challenge));
    const browser = expected.browserToken ? hashToken(expected.browserToken) : '';
    const ok =
      row !== null &&
      row.expiresAt > s.clock.now() &&
      row.purpose === expected.purpose &&
      row.userId === expected.userId &&
      constantTimeEqual(browser, row.browserHash);
    if (!ok) outcome.expired = true;
    return ok;
  };
}

function toRead(row: PasskeyRow): PasskeyRead {
  return {
    id: row.id,
    name: row.name,
    createdAt: toIso(row.createdAt),
    lastUsedAt: row.lastUsedAt === null ? null : toIso(row.lastUsedAt),
    backedUp: Boolean(row.backedUp),
  };
}

/** The WebAuthn user handle: stable per account, and says nothing about it. */
function userHandle(s: Pick<Services, 'idpKey'>, userId: number): Uint8Array<ArrayBuffer> {
  const digest = crypto
    .createHmac('sha256', s.idpKey)
    .update(`passkey-user:${String(userId)}`)
    .digest();
  return new Uint8Array(digest.subarray(0, 16));
}

const transportsOf = (row: PasskeyRow): AuthenticatorTransport[] | undefined =>
  row.transports ? (JSON.parse(row.transports) as AuthenticatorTransport[]) : undefined;

export async function listPasskeys(
  s: Pick<Services, 'db'>,
  userId: number,
): Promise<PasskeyRead[]> {
  return (await listPasskeysOfUser(s.db, userId)).map(toRead);
}

/** Options for adding a passkey, after the step-up: a resident key with user verification. */
export async function passkeyRegistrationOptions(
  s: Services,
  user: { id: number; username: string; name: string },
  meta: RequestMeta,
  input: { stepUp: StepUp; browserToken: string },
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  // Judged before the step-up too, so that a full account spends no attempt on a refusal.
  if ((await countPasskeysOfUser(s.db, user.id)) >= MAX_PASSKEYS_PER_USER) throw tooManyPasskeys();
  await verifyStepUp(s, user, meta, input.stepUp);
  const { rpID, rpName } = relyingParty(s);
  const existing = await listPasskeysOfUser(s.db, user.id);
  const options = await generateRegistrationOptions({
    rpName,
    rpID,
    userName: user.username,
    userDisplayName: user.name,
    userID: userHandle(s, user.id),
    attestationType: 'none',
    excludeCredentials: existing.map((row) => ({
      id: row.credentialId,
      ...(transportsOf(row) ? { transports: transportsOf(row) } : {}),
    })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
  await storeChallenge(s, {
    challenge: options.challenge,
    purpose: 'register',
    userId: user.id,
    browserToken: input.browserToken,
  });
  return options;
}

/** Stores the passkey the browser made for the options above. */
export async function registerPasskey(
  s: Services,
  user: { id: number },
  meta: RequestMeta,
  input: { name: string; response: RegistrationResponseJSON; browserToken: string | undefined },
): Promise<PasskeyRead> {
  const { rpID, origin } = relyingParty(s);
  const outcome = { expired: false };
  let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verification = await verifyRegistrationResponse({
      response: input.response,
      expectedChallenge: challengeCheck(
        s,
        { purpose: 'register', userId: user.id, browserToken: input.browserToken },
        outcome,
      ),
      expectedOrigin: origin,
      expectedRPID: rpID,
      requireUserVerification: true,
    });
  } catch (error) {
    if (outcome.expired) throw expiredCeremony();
    s.logger.warn(`passkey registration refused: ${error instanceof Error ? error.message : ''}`);
    throw new PasskeyFailed();
  }
  if (!verification.verified) throw new PasskeyFailed();
  const info = verification.registrationInfo;
  const now = s.clock.now();
  const id = await inTransaction(s, async (tx) => {
    // Registrations of one account wait for each other here, so that the count holds under load.
    await lockUserRow(tx.db, user.id, now);
    if ((await countPasskeysOfUser(tx.db, user.id)) >= MAX_PASSKEYS_PER_USER) {
      throw tooManyPasskeys();
    }
    if (await getPasskeyByCredentialId(tx.db, info.credential.id)) {
      throw new PasskeyFailed('This passkey is already registered.');
    }
    const inserted = await insertPasskey(tx.db, {
      userId: user.id,
      credentialId: info.credential.id,
      publicKey: isoBase64URL.fromBuffer(info.credential.publicKey),
      counter: info.credential.counter,
      transports: info.credential.transports ? JSON.stringify(info.credential.transports) : null,
      deviceType: info.credentialDeviceType,
      backedUp: info.credentialBackedUp,
      name: input.name,
      createdAt: now,
      lastUsedAt: null,
    });
    await logSecurityEvent(tx, { event: 'passkey_added', userId: user.id, ...meta });
    return inserted;
  });
  return {
    id,
    name: input.name,
    createdAt: toIso(now),
    lastUsedAt: null,
    backedUp: info.credentialBackedUp,
  };
}

export async function renamePasskey(
  s: Services,
  user: { id: number },
  meta: RequestMeta,
  input: { id: number; name: string },
): Promise<void> {
  if (!(await renamePasskeyOfUser(s.db, user.id, input.id, input.name))) {
    throw new NotFound('This passkey is not on your account.');
  }
  await logSecurityEvent(s, { event: 'passkey_renamed', userId: user.id, ...meta });
}

/** Removes a passkey after the step-up, never the last way to sign in. */
export async function deletePasskey(
  s: Services,
  user: { id: number; username: string },
  meta: RequestMeta,
  input: { id: number; stepUp: StepUp },
): Promise<void> {
  await verifyStepUp(s, user, meta, input.stepUp);
  await inTransaction(s, async (tx) => {
    await lockUserRow(tx.db, user.id, s.clock.now());
    if (!(await getPasskeyOfUser(tx.db, user.id, input.id))) {
      throw new NotFound('This passkey is not on your account.');
    }
    if ((await signInMethodsLeft(tx.db, user.id, { passkeyId: input.id })) === 0) {
      throw new LastSignInMethod();
    }
    await deletePasskeyOfUser(tx.db, user.id, input.id);
    await logSecurityEvent(tx, { event: 'passkey_removed', userId: user.id, ...meta });
  });
}

/** Options for signing in with any passkey of this site (discoverable credentials). */
export async function passkeySignInOptions(
  s: Services,
  meta: RequestMeta,
  input: { browserToken: string },
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  // Anyone may ask, and each answer stores a challenge: the client's network has an allowance.
  await takePasskeyOptionsAllowance(s, meta.ip);
  const options = await generateAuthenticationOptions({
    rpID: relyingParty(s).rpID,
    userVerification: 'required',
  });
  await storeChallenge(s, {
    challenge: options.challenge,
    purpose: 'sign_in',
    userId: null,
    browserToken: input.browserToken,
  });
  return options;
}

/**
 * A passwordless sign-in: complete in itself (the passkey proves possession and, with user
 * verification, the person). Counts in the throttles like a password; the account's state
 * decides afterwards as at password sign-in.
 */
export async function signInWithPasskey(
  s: Services,
  meta: RequestMeta,
  input: { response: AuthenticationResponseJSON; browserToken: string | undefined },
): Promise<{ user: UsersMe; session: CreatedSession }> {
  const passkey = await getPasskeyByCredentialId(s.db, input.response.id);
  const outcome = { expired: false };
  const check = challengeCheck(
    s,
    { purpose: 'sign_in', userId: null, browserToken: input.browserToken },
    outcome,
  );
  if (!passkey) {
    // Unknown to this site: the challenge is used up all the same.
    await logSecurityEvent(s, {
      event: 'login_failed',
      userId: null,
      ...meta,
      details: { method: 'passkey' },
    });
    throw new PasskeyFailed('This passkey is not known here. Use another one, or your password.');
  }
  const user = await getUserById(s.db, passkey.userId);
  if (!user) throw new UserNotFound();
  const keys = { account: accountKeyFor(user.id, user.username), ip: meta.ip };
  const reservation = await reserveAttempt(s, meta, keys, user.id);
  const verified = await judge(s, reservation, () =>
    verifyAssertion(s, passkey, input.response, check),
  );
  if (verified === 'expired') {
    await releaseReservation(s, reservation);
    throw expiredCeremony();
  }
  if (verified === 'failed') {
    await logSecurityEvent(s, {
      event: 'login_failed',
      userId: user.id,
      ...meta,
      details: { method: 'passkey' },
    });
    throw new PasskeyFailed();
  }
  if (verified === 'counter') {
    await logSecurityEvent(s, { event: 'passkey_counter_regressed', userId: user.id, ...meta });
    throw new PasskeyFailed(
      'This passkey answered with an old counter, as a copied one would. Sign in another way.',
    );
  }
  await releaseReservation(s, reservation);
  const record = await getUserCredentials(s.db, user.username);
  try {
    checkUserIsActive({ ...user, awaitingVerification: Boolean(record?.awaitingVerification) });
  } catch (error) {
    await logSecurityEvent(s, { event: 'login_blocked', userId: user.id, ...meta });
    throw error;
  }
  await clearAccountFailures(s, keys.account);
  const session = await createSession(s, user.id, meta, 'passkey');
  await logSecurityEvent(s, {
    event: 'login_succeeded',
    userId: user.id,
    ...meta,
    details: { method: 'passkey' },
  });
  return { user: await getUserMe(s, user.id, user), session };
}

/** Options for answering the second step of a sign-in with one of the account's passkeys. */
export async function mfaPasskeyOptions(
  s: Services,
  input: { pendingToken: string | undefined; browserToken: string },
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  if (!input.pendingToken || input.pendingToken.length > 200) throw new PendingLoginEnded();
  const pending = await getPendingLogin(s.db, hashToken(input.pendingToken));
  if (!pending || pending.expiresAt <= s.clock.now()) throw new PendingLoginEnded();
  const passkeys = await listPasskeysOfUser(s.db, pending.userId);
  if (passkeys.length === 0) {
    throw new PasskeyFailed('This account has no passkey. Use a code instead.');
  }
  const options = await generateAuthenticationOptions({
    rpID: relyingParty(s).rpID,
    userVerification: 'required',
    allowCredentials: passkeys.map((row) => ({
      id: row.credentialId,
      ...(transportsOf(row) ? { transports: transportsOf(row) } : {}),
    })),
  });
  await storeChallenge(s, {
    challenge: options.challenge,
    purpose: 'mfa',
    userId: pending.userId,
    browserToken: input.browserToken,
  });
  return options;
}

/**
 * A passkey as the second factor of `userId`'s pending sign-in: 'passkey' when it is one of theirs
 * and verifies, null otherwise (the caller counts the failure).
 */
export async function passkeyAsSecondFactor(
  s: Services,
  meta: RequestMeta,
  userId: number,
  response: AuthenticationResponseJSON,
  browserToken: string | undefined,
): Promise<'passkey' | null> {
  const passkey = await getPasskeyByCredentialId(s.db, response.id);
  const check = challengeCheck(s, { purpose: 'mfa', userId, browserToken }, { expired: false });
  // Not one of theirs: refused (and counted by the caller); the challenge stays theirs.
  if (passkey?.userId !== userId) return null;
  const outcome = await verifyAssertion(s, passkey, response, check);
  if (outcome === 'counter') {
    await logSecurityEvent(s, { event: 'passkey_counter_regressed', userId, ...meta });
  }
  return outcome === 'ok' ? 'passkey' : null;
}

/** Verifies an assertion and moves the counter; never throws for a wrong answer. */
async function verifyAssertion(
  s: Services,
  passkey: PasskeyRow,
  response: AuthenticationResponseJSON,
  check: (challenge: string) => Promise<boolean>,
): Promise<'ok' | 'failed' | 'expired' | 'counter'> {
  const { rpID, origin } = relyingParty(s);
  const transports = transportsOf(passkey);
  let result: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  const ceremony = { expired: false };
  try {
    result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: async (challenge) => {
        const ok = await check(challenge);
        ceremony.expired = !ok;
        return ok;
      },
      expectedOrigin: origin,
      expectedRPID: rpID,
      credential: {
        id: passkey.credentialId,
        publicKey: isoBase64URL.toBuffer(passkey.publicKey),
        counter: passkey.counter,
        ...(transports ? { transports } : {}),
      },
      requireUserVerification: true,
    });
  } catch (error) {
    if (ceremony.expired) return 'expired';
    const message = error instanceof Error ? error.message : '';
    s.logger.warn(`passkey sign-in refused: ${message}`);
    return /counter/i.test(message) ? 'counter' : 'failed';
  }
  if (!result.verified) return 'failed';
  const moved = await advancePasskeyCounter(s.db, passkey.id, {
    from: passkey.counter,
    to: result.authenticationInfo.newCounter,
    now: s.clock.now(),
    backedUp: result.authenticationInfo.credentialBackedUp,
  });
  return moved ? 'ok' : 'counter';
}
