import { type ExpressionBuilder, sql } from 'kysely';
import { preparedQuery } from '../db/prepared';
import { type Db, isPostgres } from '../db/transaction';
import type { Database, NewUserRow, UserRowUpdate } from '../db/types';
import { NotFound, UserNotFound } from '../errors';
import type { Language } from '../schemas/enums';
import type { UsersListFilter, UsersRead } from '../schemas/users';
import { USER_COLUMNS, toUsersRead } from './users.columns';

/**
 * The SQL of the `users` table, and only it: every read and write of a user goes through here.
 * Functions take the database or an open transaction first, and plain values (no clock, no hasher).
 */

export interface ListQuery {
  search?: string | undefined;
  filter?: UsersListFilter | undefined;
}

/** `%`, `_` and the escape character itself are taken literally in a LIKE pattern. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** A search term as an FTS5 phrase: quoted, so every character is taken literally. */
function ftsPhrase(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

/** The trigram index answers terms of at least three characters. */
const FTS_MIN_TERM = 3;

function listFilter(query: ListQuery, postgres: boolean) {
  return (eb: ExpressionBuilder<Database, 'users'>) => {
    const conditions = [];
    switch (query.filter) {
      case 'pending_approval':
        conditions.push(eb('users.pendingAdminApproval', '=', true));
        break;
      case 'unverified':
        conditions.push(eb('users.emailVerified', '=', false));
        break;
      case 'inactive':
        conditions.push(eb('users.active', '=', false));
        break;
      case 'admins':
        conditions.push(eb('users.accessType', '=', 'admin'));
        break;
      case 'all':
      case undefined:
        break;
    }
    const term = query.search?.trim().toLowerCase();
    // Code points, as the tokenizer counts them.
    if (term && !postgres && Array.from(term).length >= FTS_MIN_TERM) {
      // SQLite: the FTS5 trigram index of username, name and email (migration 0004).
      conditions.push(
        sql<boolean>`${eb.ref('users.id')} in (select rowid from users_fts where users_fts match ${ftsPhrase(term)})`,
      );
    } else if (term) {
      const pattern = `%${escapeLike(term)}%`;
      // username and email are stored lowercase; name is compared lowercased. On PostgreSQL the
      // trigram indexes answer these; on SQLite only terms too short for its index come here.
      conditions.push(
        eb.or([
          sql<boolean>`${eb.ref('users.username')} like ${pattern} escape '\\'`,
          sql<boolean>`lower(${eb.ref('users.name')}) like ${pattern} escape '\\'`,
          sql<boolean>`${eb.ref('users.email')} like ${pattern} escape '\\'`,
        ]),
      );
    }
    return eb.and(conditions);
  };
}

export async function getAllUsers(db: Db): Promise<UsersRead[]> {
  const rows = await db
    .selectFrom('users')
    .select(USER_COLUMNS)
    .orderBy('users.username')
    .execute();
  return rows.map(toUsersRead);
}

export type UserCounts = Record<UsersListFilter, number>;

/**
 * How many users each filter holds. Without a search, read from `user_counts`, which triggers
 * keep exact in the same transaction as every write to `users`; with one, counted in one pass.
 */
export async function getUserCounts(db: Db, search?: string): Promise<UserCounts> {
  if (!search?.trim()) {
    const row = await db
      .selectFrom('userCounts')
      .select(['total', 'pendingApproval', 'unverified', 'inactive', 'admins'])
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    return {
      all: row.total,
      pending_approval: row.pendingApproval,
      unverified: row.unverified,
      inactive: row.inactive,
      admins: row.admins,
    };
  }
  const row = await db
    .selectFrom('users')
    .select([
      sql<number>`count(*)`.as('all'),
      sql<number>`count(*) filter (where pending_admin_approval)`.as('pendingApproval'),
      sql<number>`count(*) filter (where not email_verified)`.as('unverified'),
      sql<number>`count(*) filter (where not active)`.as('inactive'),
      sql<number>`count(*) filter (where access_type = 'admin')`.as('admins'),
    ])
    .where(listFilter({ search }, isPostgres(db)))
    .executeTakeFirstOrThrow();
  return {
    all: row.all,
    pending_approval: row.pendingApproval,
    unverified: row.unverified,
    inactive: row.inactive,
    admins: row.admins,
  };
}

export async function getUsersNumber(db: Db, query: ListQuery = {}): Promise<number> {
  if (!query.search?.trim()) return (await getUserCounts(db))[query.filter ?? 'all'];
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where(listFilter(query, isPostgres(db)))
    .executeTakeFirstOrThrow();
  return row.count;
}

/**
 * One page, ordered by username (unique, so pages never overlap). The page's usernames are picked
 * first from an index alone (the filter and search indexes all carry the username), and only those
 * rows are read: a deep OFFSET then skips index entries, not whole rows.
 */
export async function getUsersWithPagination(
  db: Db,
  page: ListQuery & { pageNumber: number; numRecords: number },
): Promise<UsersRead[]> {
  const pageUsernames = db
    .selectFrom('users')
    .select('users.username')
    .where(listFilter(page, isPostgres(db)))
    .orderBy('users.username')
    .limit(page.numRecords)
    .offset((page.pageNumber - 1) * page.numRecords);
  const rows = await db
    .selectFrom('users')
    .select(USER_COLUMNS)
    .where('users.username', 'in', pageUsernames)
    .orderBy('users.username')
    .execute();
  return rows.map(toUsersRead);
}

export async function getUserByUsername(db: Db, username: string): Promise<UsersRead | null> {
  const row = await db
    .selectFrom('users')
    .select(USER_COLUMNS)
    .where('users.username', '=', username.trim().toLowerCase())
    .executeTakeFirst();
  return row ? toUsersRead(row) : null;
}

export async function getUserByEmail(db: Db, email: string): Promise<UsersRead | null> {
  const row = await db
    .selectFrom('users')
    .select(USER_COLUMNS)
    .where('users.email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  return row ? toUsersRead(row) : null;
}

export async function getUserById(db: Db, id: number): Promise<UsersRead | null> {
  const row = await db
    .selectFrom('users')
    .select(USER_COLUMNS)
    .where('users.id', '=', id)
    .executeTakeFirst();
  return row ? toUsersRead(row) : null;
}

export async function getUserByIdOr404(db: Db, id: number): Promise<UsersRead> {
  const user = await getUserById(db, id);
  if (!user) throw new UserNotFound();
  return user;
}

export async function getUsersAdmin(db: Db): Promise<UsersRead[]> {
  const rows = await db
    .selectFrom('users')
    .select(USER_COLUMNS)
    .where('users.accessType', '=', 'admin')
    .orderBy('users.username')
    .execute();
  return rows.map(toUsersRead);
}

export async function getAdminUsersOr404(db: Db): Promise<UsersRead[]> {
  const admins = await getUsersAdmin(db);
  if (admins.length === 0) throw new NotFound('There is no administrator.');
  return admins;
}

/** Name and address of every active admin, to tell them of a sign-up. */
export async function getActiveAdminContacts(
  db: Db,
): Promise<{ name: string; email: string; preferredLanguage: Language }[]> {
  const rows = await db
    .selectFrom('users')
    .select(['name', 'email', 'preferredLanguage'])
    .where('accessType', '=', 'admin')
    .where('active', '=', true)
    .execute();
  return rows.map((row) => ({ ...row, preferredLanguage: row.preferredLanguage as Language }));
}

/**
 * Counts the admins one can rely on: `active`, and not marked pending. Inside a transaction on
 * PostgreSQL it also locks their rows until commit: two admins removed at the same moment would
 * otherwise each see the other still active and both go, leaving none. (SQLite runs one write
 * transaction at a time already.)
 */
export async function countActiveAdmins(db: Db): Promise<number> {
  const query = db
    .selectFrom('users')
    .select('users.id')
    .where('users.accessType', '=', 'admin')
    .where('users.active', '=', true)
    // An admin marked pending is on the way to being rejected: not one to rely on.
    .where('users.pendingAdminApproval', '=', false)
    // Always locked in the same order, so two such transactions wait for each other, never deadlock.
    .orderBy('users.id');
  const lock = db.isTransaction && isPostgres(db);
  const rows = await (lock ? query.forUpdate() : query).execute();
  return rows.length;
}

const credentialsBy = (column: 'users.username' | 'users.email') =>
  preparedQuery((db, key: string) =>
    db
      .selectFrom('users')
      .select([...USER_COLUMNS, 'users.passwordHash', 'users.awaitingVerification'])
      .where(column, '=', key),
  );
const credentialsByUsername = credentialsBy('users.username');
const credentialsByEmail = credentialsBy('users.email');

/** The stored credentials of the account a login names (username or email, any case). */
export async function getUserCredentials(db: Db, login: string) {
  const key = login.trim().toLowerCase();
  const [row] = await (key.includes('@') ? credentialsByEmail : credentialsByUsername)(db, key);
  return row;
}

/**
 * The stored hash of an account that has no password (made through an identity provider): no
 * password ever matches it. The person can choose one through a password reset.
 */
export const NO_PASSWORD = '';

/** What a step-up checks: the password hash (null for an account without one) and MFA. */
export function getStepUpState(
  db: Db,
  id: number,
): Promise<{ passwordHash: string | null; mfaEnabled: boolean } | undefined> {
  return db
    .selectFrom('users')
    .select(['passwordHash', 'mfaEnabled'])
    .where('id', '=', id)
    .executeTakeFirst()
    .then(
      (row) =>
        row && {
          passwordHash: row.passwordHash === NO_PASSWORD ? null : row.passwordHash,
          mfaEnabled: Boolean(row.mfaEnabled),
        },
    );
}

/**
 * Writes the user's row so that, on PostgreSQL, other transactions changing the same account's
 * ways of signing in wait for this one (SQLite writes one transaction at a time anyway).
 */
export async function lockUserRow(db: Db, id: number, now: number): Promise<void> {
  await db.updateTable('users').set({ updatedAt: now }).where('id', '=', id).execute();
}

export async function insertUserRow(db: Db, values: NewUserRow): Promise<number> {
  const inserted = await db
    .insertInto('users')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** Many users in one statement (seeding large databases); returns their ids in order. */
export async function insertUserRows(db: Db, rows: NewUserRow[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const inserted = await db.insertInto('users').values(rows).returning('id').execute();
  return inserted.map((row) => row.id);
}

/** Returns whether a row changed (false when the user is gone). */
export async function updateUserRow(db: Db, id: number, values: UserRowUpdate): Promise<boolean> {
  const result = await db.updateTable('users').set(values).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Approves only a user still pending: of two admins approving at once, one does. */
export async function markApproved(db: Db, id: number, now: number): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ pendingAdminApproval: false, active: true, updatedAt: now })
    .where('id', '=', id)
    .where('pendingAdminApproval', '=', true)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Whether a sign-up waits for its address to be confirmed, and for approval. */
export function getVerificationState(
  db: Db,
  id: number,
): Promise<{ awaitingVerification: boolean; pendingAdminApproval: boolean } | undefined> {
  return db
    .selectFrom('users')
    .select(['awaitingVerification', 'pendingAdminApproval'])
    .where('id', '=', id)
    .executeTakeFirst()
    .then(
      (row) =>
        row && {
          awaitingVerification: Boolean(row.awaitingVerification),
          pendingAdminApproval: Boolean(row.pendingAdminApproval),
        },
    );
}

/** Who an unverified address belongs to, for a new confirmation link. */
export async function getUnverifiedByEmail(db: Db, email: string) {
  const row = await db
    .selectFrom('users')
    .select([
      'id',
      'name',
      'email',
      'preferredLanguage',
      'emailVerified',
      'awaitingVerification',
      'pendingAdminApproval',
    ])
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  if (!row || row.emailVerified) return null;
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    preferredLanguage: row.preferredLanguage as Language,
    awaitingVerification: Boolean(row.awaitingVerification),
    pendingAdminApproval: Boolean(row.pendingAdminApproval),
  };
}

export async function getPhotoPath(db: Db, id: number): Promise<string | null | undefined> {
  const row = await db
    .selectFrom('users')
    .select('photoPath')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.photoPath;
}

/** Points the user at `next` only if the photo is still `previous` (a compare-and-swap). */
export async function swapPhotoPath(
  db: Db,
  id: number,
  previous: string | null,
  next: string | null,
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ photoPath: next, updatedAt: now })
    .where('id', '=', id)
    .where((eb) =>
      previous === null ? eb('photoPath', 'is', null) : eb('photoPath', '=', previous),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function getPhotoOwner(
  db: Db,
  photoPath: string,
): Promise<{ id: number; active: boolean } | undefined> {
  return db
    .selectFrom('users')
    .select(['id', 'active'])
    .where('photoPath', '=', photoPath)
    .executeTakeFirst()
    .then((row) => row && { id: row.id, active: Boolean(row.active) });
}

export interface MfaColumns {
  mfaEnabled: boolean;
  mfaSecret: string | null;
  mfaLastUsedStep: number | null;
}

export async function getMfaColumns(db: Db, id: number): Promise<MfaColumns | undefined> {
  const row = await db
    .selectFrom('users')
    .select(['mfaEnabled', 'mfaSecret', 'mfaLastUsedStep'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { ...row, mfaEnabled: Boolean(row.mfaEnabled) };
}

/** Records a used TOTP step, only when it is newer than the last one: a code works once. */
export async function advanceMfaStep(db: Db, id: number, step: number): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ mfaLastUsedStep: step })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('mfaLastUsedStep', 'is', null), eb('mfaLastUsedStep', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteUserRow(db: Db, id: number): Promise<boolean> {
  const result = await db.deleteFrom('users').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Deletes a sign-up only while it is still pending (a rejection racing an approval loses). */
export async function deletePendingUserRow(db: Db, id: number): Promise<boolean> {
  const result = await db
    .deleteFrom('users')
    .where('id', '=', id)
    .where('pendingAdminApproval', '=', true)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
