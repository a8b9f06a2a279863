import type { Kysely } from 'kysely';
import { type Clock, MINUTE, SECOND, HOUR } from '../clock';
import { preparedQuery } from '../db/prepared';
import type { Database } from '../db/types';
import { Throttled } from '../errors';

type Db = Kysely<Database>;

/**
 * Rate limits kept in the database so that every app instance sharing it sees the same counts
 * (API.md §8). Each limited action appends an event; a limit is a count over a sliding window.
 */
export const LIMITS = {
  /** Failed sign-ins, MFA codes and current passwords against one account. */
  account: { max: 5, windowMs: 15 * MINUTE, firstLockMs: 30 * SECOND, maxLockMs: 15 * MINUTE },
  /** Failed sign-ins from one client IP, across every account (password spraying). */
  ip: { max: 50, windowMs: 15 * MINUTE },
  signup: { max: 30, windowMs: 5 * MINUTE },
  mailAddress: { max: 5, windowMs: HOUR },
  mailIp: { max: 20, windowMs: HOUR },
} as const;

export type ThrottleScope = 'account' | 'ip' | 'signup' | 'mail_address' | 'mail_ip';

export async function recordThrottleEvent(
  db: Db,
  clock: Clock,
  scope: ThrottleScope,
  key: string,
): Promise<void> {
  await db
    .insertInto('throttleEvents')
    .values({ scope, key: key.slice(0, 300), createdAt: clock.now() })
    .execute();
}

/** Event times within the window, newest first. */
async function recentEvents(
  db: Db,
  clock: Clock,
  scope: ThrottleScope,
  key: string,
  windowMs: number,
  limit: number,
): Promise<number[]> {
  const rows = await findRecentEvents(db, scope, key.slice(0, 300), clock.now() - windowMs, limit);
  return rows.map((row) => row.createdAt);
}

/** Every sign-in reads two windows: compiled once. */
const findRecentEvents = preparedQuery(
  (db, scope: string, key: string, after: number, limit: number) =>
    db
      .selectFrom('throttleEvents')
      .select('createdAt')
      .where('scope', '=', scope)
      .where('key', '=', key)
      .where('createdAt', '>', after)
      .orderBy('createdAt', 'desc')
      .limit(limit),
);

const deleteAccountFailures = preparedQuery((db, accountKey: string) =>
  db.deleteFrom('throttleEvents').where('scope', '=', 'account').where('key', '=', accountKey),
);

/**
 * Seconds until a window limit lets one more event through, or 0 when it does now: with `max`
 * events in the window, the wait ends when the oldest of them leaves it.
 */
async function windowWait(
  db: Db,
  clock: Clock,
  scope: ThrottleScope,
  key: string,
  limit: { max: number; windowMs: number },
): Promise<number> {
  const events = await recentEvents(db, clock, scope, key, limit.windowMs, limit.max);
  const oldest = events[limit.max - 1];
  if (oldest === undefined) return 0;
  return (oldest + limit.windowMs - clock.now()) / 1000;
}

/**
 * Seconds an account stays locked: after 5 failures within 15 minutes, 30 s from the last one,
 * doubling with each further failure, at most 15 minutes.
 */
export async function accountLockSeconds(
  db: Db,
  clock: Clock,
  accountKey: string,
): Promise<number> {
  const { max, windowMs, firstLockMs, maxLockMs } = LIMITS.account;
  const events = await recentEvents(db, clock, 'account', accountKey, windowMs, 64);
  const [last] = events;
  if (last === undefined || events.length < max) return 0;
  const lockMs = Math.min(maxLockMs, firstLockMs * 2 ** (events.length - max));
  return Math.max(0, (last + lockMs - clock.now()) / 1000);
}

/** Throws Throttled when the account or the client IP may not try a password now. */
export async function assertLoginAllowed(
  db: Db,
  clock: Clock,
  keys: { account: string; ip: string | null },
): Promise<void> {
  const waits = await Promise.all([
    accountLockSeconds(db, clock, keys.account),
    keys.ip ? windowWait(db, clock, 'ip', keys.ip, LIMITS.ip) : Promise.resolve(0),
  ]);
  const wait = Math.max(...waits);
  if (wait > 0) throw new Throttled(wait);
}

export async function recordLoginFailure(
  db: Db,
  clock: Clock,
  keys: { account: string; ip: string | null },
): Promise<void> {
  await recordThrottleEvent(db, clock, 'account', keys.account);
  if (keys.ip) await recordThrottleEvent(db, clock, 'ip', keys.ip);
}

/** A successful sign-in (or a password reset) clears the account's failures. */
export async function clearAccountFailures(db: Db, accountKey: string): Promise<void> {
  await deleteAccountFailures(db, accountKey);
}

/** The key failures count against: the user when the login names one, else the login itself. */
export function accountKeyFor(userId: number | null, login: string): string {
  return userId === null ? `login:${login.trim().toLowerCase()}` : `user:${userId}`;
}

/**
 * Takes one unit of a window limit: the attempt is recorded first and counted with the others, so
 * that simultaneous requests cannot all slip under the limit; a refused attempt is taken back.
 * Returns 0 when allowed, else the seconds until one more would be.
 */
async function takeFromWindow(
  db: Db,
  clock: Clock,
  scope: ThrottleScope,
  key: string,
  limit: { max: number; windowMs: number },
): Promise<number> {
  const inserted = await db
    .insertInto('throttleEvents')
    .values({ scope, key: key.slice(0, 300), createdAt: clock.now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const events = await recentEvents(db, clock, scope, key, limit.windowMs, limit.max + 1);
  if (events.length <= limit.max) return 0;
  await db.deleteFrom('throttleEvents').where('id', '=', inserted.id).execute();
  const oldestKept = events[limit.max - 1] ?? clock.now();
  return Math.max(1, (oldestKept + limit.windowMs - clock.now()) / 1000);
}

/** Sign-ups: 30 per 5 minutes per IP. */
export async function takeSignupAllowance(db: Db, clock: Clock, ip: string | null): Promise<void> {
  if (!ip) return;
  const wait = await takeFromWindow(db, clock, 'signup', ip, LIMITS.signup);
  if (wait > 0) throw new Throttled(wait, 'Too many sign-ups from your network. Try again later.');
}

/**
 * Reset and verification emails: 5 per hour per address and 20 per hour per IP. Returns false when
 * over the limit; the caller still answers `{ ok: true }` and sends nothing.
 */
export async function takeMailAllowance(
  db: Db,
  clock: Clock,
  keys: { address: string; ip: string | null },
): Promise<boolean> {
  const address = keys.address.trim().toLowerCase();
  if ((await takeFromWindow(db, clock, 'mail_address', address, LIMITS.mailAddress)) > 0)
    return false;
  if (keys.ip && (await takeFromWindow(db, clock, 'mail_ip', keys.ip, LIMITS.mailIp)) > 0) {
    return false;
  }
  return true;
}

/** Forgets events older than every window; run periodically by the server. */
export async function deleteOldThrottleEvents(db: Db, clock: Clock): Promise<number> {
  const result = await db
    .deleteFrom('throttleEvents')
    .where('createdAt', '<', clock.now() - HOUR)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
