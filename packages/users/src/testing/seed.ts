import type { Db } from '../db/transaction';
import type { NewUserRow } from '../db/types';
import { insertDefaultPrivacyRows } from '../privacy/privacy.repository';
import { UsersBase } from '../schemas/users';
import { userFieldValues } from '../users/users.columns';
import { insertUserRows } from '../users/users.repository';

const FIRST_NAMES = [
  'Ada',
  'Alan',
  'Barbara',
  'Claude',
  'Dennis',
  'Edsger',
  'Frances',
  'Grace',
  'Hedy',
  'Ivan',
  'John',
  'Katherine',
  'Ken',
  'Linus',
  'Margaret',
  'Niklaus',
  'Radia',
  'Shafi',
  'Tim',
  'Whitfield',
];

const LAST_NAMES = [
  'Lovelace',
  'Turing',
  'Liskov',
  'Shannon',
  'Ritchie',
  'Dijkstra',
  'Allen',
  'Hopper',
  'Lamarr',
  'Sutherland',
  'Backus',
  'Johnson',
  'Thompson',
  'Torvalds',
  'Hamilton',
  'Wirth',
  'Perlman',
  'Goldwasser',
  'Lee',
  'Diffie',
];

/**
 * The account state of the n-th seeded user, in proportions a busy server might have: a few
 * hundred pending sign-ups, some unverified or disabled accounts, about a hundred admins.
 */
function seededState(n: number) {
  if (n % 200 === 7) {
    return {
      accessType: 'regular',
      active: false,
      emailVerified: n % 400 === 7,
      pendingAdminApproval: true,
    };
  }
  if (n % 50 === 3) {
    return {
      accessType: 'regular',
      active: false,
      emailVerified: false,
      pendingAdminApproval: false,
    };
  }
  if (n % 100 === 11) {
    return {
      accessType: 'regular',
      active: false,
      emailVerified: true,
      pendingAdminApproval: false,
    };
  }
  return {
    accessType: n % 1000 === 5 ? 'admin' : 'regular',
    active: true,
    emailVerified: true,
    pendingAdminApproval: false,
  };
}

/** The n-th seeded user (n from 0): deterministic, so tests can predict pages and searches. */
export function seededUser(n: number, passwordHash: string, now: number): NewUserRow {
  const first = FIRST_NAMES[n % FIRST_NAMES.length] ?? 'Ada';
  const last = LAST_NAMES[Math.floor(n / FIRST_NAMES.length) % LAST_NAMES.length] ?? 'Lovelace';
  const username = `${first}.${last}${n}`.toLowerCase();
  // Every other field takes the default of the one schema.
  const profile = UsersBase.parse({
    name: `${first} ${last}`,
    username,
    email: `${username}@example.com`,
    city: n % 3 === 0 ? 'Lisbon' : null,
  });
  return {
    ...userFieldValues(profile),
    passwordHash,
    photoPath: null,
    mfaEnabled: false,
    awaitingVerification: false,
    createdAt: now,
    updatedAt: now,
    ...seededState(n),
  };
}

export interface SeedOptions {
  count: number;
  /** One bcrypt hash computed beforehand: hashing 100,000 passwords would take hours. */
  passwordHash: string;
  now: number;
  /** Index of the first seeded user, to add more to an already seeded database. */
  from?: number;
}

/**
 * Rows per INSERT. A user row binds 24 values; SQLite allows 32,766 bound values per statement
 * (PostgreSQL 65,535), so 1,000 rows stay well inside both.
 */
const ROWS_PER_INSERT = 1000;
/** Rows per transaction: large enough to amortise the commit, small enough to keep locks short. */
const ROWS_PER_TRANSACTION = 10_000;

/**
 * Inserts many users with their privacy rows, as the library's own insert does, but in multi-row
 * statements inside a few transactions. For benchmarks and large-list tests only: it skips the
 * password policy and the per-user hash.
 */
export async function seedUsers(db: Db, options: SeedOptions): Promise<void> {
  const from = options.from ?? 0;
  const end = from + options.count;
  for (let start = from; start < end; start += ROWS_PER_TRANSACTION) {
    const stop = Math.min(end, start + ROWS_PER_TRANSACTION);
    await db.transaction().execute(async (trx) => {
      for (let batch = start; batch < stop; batch += ROWS_PER_INSERT) {
        const rows: NewUserRow[] = [];
        for (let n = batch; n < Math.min(stop, batch + ROWS_PER_INSERT); n += 1) {
          rows.push(seededUser(n, options.passwordHash, options.now));
        }
        await insertDefaultPrivacyRows(trx, await insertUserRows(trx, rows));
      }
    });
  }
}
