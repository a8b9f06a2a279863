import type { Clock } from '../clock';
import { type Db, inTransaction } from '../db/transaction';
import { Throttled } from '../errors';
import {
  attemptTimes,
  deleteAttempts,
  deleteAttemptsBefore,
  deleteAttemptsOnKey,
  insertAttempt,
  lockAttemptKeys,
} from './attempts.repository';
import {
  accountWaitMs,
  LIMITS,
  LONGEST_WINDOW_MS,
  networkKeyFor,
  type ThrottleScope,
  windowWaitMs,
} from './limits';

/**
 * Throttles as reservations (README › Security). An attempt takes its slot before the
 * password, code or token is judged: under a lock on the key, the attempt is recorded and the
 * others in the window are counted, so requests sent at once (in parallel or in one batch) get at
 * most the allowed number of judgements on SQLite and PostgreSQL, across instances. A refused
 * attempt is rolled back and counts nothing; an attempt judged good gives its slot back; one
 * judged wrong stays, as a failure.
 */
export interface Reservation {
  ids: number[];
}

interface Claim {
  scope: ThrottleScope;
  key: string;
  windowMs: number;
  /** How many other attempts to read: enough to decide. */
  read: number;
  waitMs: (times: number[], now: number) => number;
  refusal: (waitSeconds: number) => Throttled;
}

type ThrottleDeps = { db: Db; clock: Clock };

async function reserve(s: ThrottleDeps, claims: Claim[]): Promise<Reservation> {
  const now = s.clock.now();
  return inTransaction(s, async ({ db: trx }) => {
    await lockAttemptKeys(
      trx,
      claims.map((claim) => `${claim.scope}:${claim.key}`),
    );
    const ids: number[] = [];
    for (const claim of claims) {
      const id = await insertAttempt(trx, claim.scope, claim.key, now);
      const times = await attemptTimes(
        trx,
        claim.scope,
        claim.key,
        now - claim.windowMs,
        id,
        claim.read,
      );
      const waitMs = claim.waitMs(times, now);
      // Thrown inside the transaction: every slot taken so far is rolled back with it.
      if (waitMs > 0) throw claim.refusal(waitMs / 1000);
      ids.push(id);
    }
    return { ids };
  });
}

/** An attempt judged good (or not judged at all) gives its slots back. */
export async function releaseReservation(s: ThrottleDeps, reservation: Reservation): Promise<void> {
  await deleteAttempts(s.db, reservation.ids);
}

export interface SignInKeys {
  /** `accountKeyFor(…)`. */
  account: string;
  ip: string | null;
}

const accountClaim = (key: string): Claim => ({
  scope: 'account',
  key,
  windowMs: LIMITS.account.windowMs,
  read: 64,
  waitMs: accountWaitMs,
  refusal: (seconds) => new Throttled(seconds, 'ACCOUNT_LOCKED'),
});

const windowClaim = (
  scope: ThrottleScope,
  key: string,
  limit: { max: number; windowMs: number },
  refusal: (seconds: number) => Throttled,
): Claim => ({
  scope,
  key,
  windowMs: limit.windowMs,
  read: limit.max,
  waitMs: (times, now) => windowWaitMs(limit, times, now),
  refusal,
});

const tooManyFromNetwork = (seconds: number) => new Throttled(seconds, 'RATE_LIMITED', undefined);

/**
 * Takes the slots of one attempt to prove who someone is (a password, a second-factor code, a
 * step-up, a setup code): one on the account, one on the client's network. Throws Throttled
 * (ACCOUNT_LOCKED or RATE_LIMITED) and takes nothing when either is used up.
 */
export function reserveSignInAttempt(s: ThrottleDeps, keys: SignInKeys): Promise<Reservation> {
  const claims = [accountClaim(keys.account)];
  if (keys.ip) {
    claims.push(windowClaim('ip', networkKeyFor(keys.ip), LIMITS.ip, tooManyFromNetwork));
  }
  return reserve(s, claims);
}

/**
 * A completed sign-in (every factor given) or a completed password reset forgives the account's
 * failures. A correct password alone, with a second factor still to come, forgives nothing.
 */
export async function clearAccountFailures(s: { db: Db }, accountKey: string): Promise<void> {
  await deleteAttemptsOnKey(s.db, 'account', accountKey);
}

/**
 * A failed proof that names no account (a wrong API key): one slot on the client's network, kept
 * as a failure. Throws Throttled (RATE_LIMITED) and takes nothing when the network is used up.
 */
export async function takeNetworkFailure(s: ThrottleDeps, ip: string | null): Promise<void> {
  if (!ip) return;
  await reserve(s, [windowClaim('ip', networkKeyFor(ip), LIMITS.ip, tooManyFromNetwork)]);
}

/**
 * An allowance of the client's network for work that stores something whether or not it comes
 * to anything: every call counts, and beyond the limit it is refused with RATE_LIMITED.
 */
function networkAllowance(
  scope: ThrottleScope,
  limit: { max: number; windowMs: number },
  message: string,
) {
  return async (s: ThrottleDeps, ip: string | null): Promise<void> => {
    if (!ip) return;
    await reserve(s, [
      windowClaim(
        scope,
        networkKeyFor(ip),
        limit,
        (seconds) => new Throttled(seconds, 'RATE_LIMITED', message),
      ),
    ]);
  };
}

/** Sign-ups: 30 per 5 minutes per client network. Each one counts, kept or not. */
export const takeSignupAllowance = networkAllowance(
  'signup',
  LIMITS.signup,
  'Too many sign-ups from your network. Try again later.',
);

/** Sign-ins started at identity providers: 30 per 5 minutes per client network. */
export const takeProviderStartAllowance = networkAllowance(
  'provider_start',
  LIMITS.providerStart,
  'Too many sign-ins started from your network.',
);

/** Passkey sign-ins offered (a stored challenge each): 100 per 5 minutes per client network. */
export const takePasskeyOptionsAllowance = networkAllowance(
  'passkey_options',
  LIMITS.passkeyOptions,
  'Too many passkey sign-ins started from your network. Try again later.',
);

/**
 * Reset and verification emails: 5 per hour per address and 20 per hour per client network, both
 * or neither. Returns false when over either; the caller still answers `{ ok: true }` and sends
 * nothing.
 */
export async function takeMailAllowance(
  s: ThrottleDeps,
  keys: { address: string; ip: string | null },
): Promise<boolean> {
  const refusal = (seconds: number) => new Throttled(seconds, 'RATE_LIMITED');
  const claims = [
    windowClaim('mail_address', keys.address.trim().toLowerCase(), LIMITS.mailAddress, refusal),
  ];
  if (keys.ip) claims.push(windowClaim('mail_ip', networkKeyFor(keys.ip), LIMITS.mailIp, refusal));
  try {
    await reserve(s, claims);
    return true;
  } catch (error) {
    if (error instanceof Throttled) return false;
    throw error;
  }
}

/** Forgets attempts older than every window; run periodically by the server. */
export function deleteOldThrottleEvents(s: ThrottleDeps): Promise<number> {
  return deleteAttemptsBefore(s.db, s.clock.now() - LONGEST_WINDOW_MS);
}
