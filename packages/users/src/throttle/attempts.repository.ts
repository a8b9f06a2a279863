import { sql } from 'kysely';
import { preparedQuery } from '../db/prepared';
import { type Db, isPostgres } from '../db/transaction';

/**
 * The SQL of `throttle_events`: one row per attempt that has not been proven good (a reserved
 * slot, then a failure once judged wrong). Rows are never updated; a good attempt's row is deleted.
 */
export const KEY_LENGTH = 300;

/**
 * Serialises every reservation on one key until the transaction ends. PostgreSQL: a transaction
 * advisory lock on the key's hash (shared by every instance on the database). SQLite: the insert
 * that follows takes the database's write lock, which already serialises writers.
 */
export async function lockAttemptKeys(trx: Db, keys: string[]): Promise<void> {
  if (!isPostgres(trx)) return;
  // Always in the same order, so two transactions locking the same keys never deadlock.
  for (const key of [...new Set(keys)].sort()) {
    await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
  }
}

const insertAttemptRow = preparedQuery((db, scope: string, key: string, createdAt: number) =>
  db.insertInto('throttleEvents').values({ scope, key, createdAt }).returning('id'),
);

export async function insertAttempt(
  trx: Db,
  scope: string,
  key: string,
  createdAt: number,
): Promise<number> {
  const [row] = await insertAttemptRow(trx, scope, key.slice(0, KEY_LENGTH), createdAt);
  if (!row) throw new Error('the attempt was not recorded');
  return row.id;
}

const findAttemptTimes = preparedQuery(
  (db, scope: string, key: string, after: number, exceptId: number, limit: number) =>
    db
      .selectFrom('throttleEvents')
      .select('createdAt')
      .where('scope', '=', scope)
      .where('key', '=', key)
      .where('createdAt', '>', after)
      .where('id', '!=', exceptId)
      .orderBy('createdAt', 'desc')
      .limit(limit),
);

/** Times of the other attempts on a key since `after`, newest first. */
export async function attemptTimes(
  trx: Db,
  scope: string,
  key: string,
  after: number,
  exceptId: number,
  limit: number,
): Promise<number[]> {
  const rows = await findAttemptTimes(trx, scope, key.slice(0, KEY_LENGTH), after, exceptId, limit);
  return rows.map((row) => row.createdAt);
}

export async function deleteAttempts(db: Db, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom('throttleEvents').where('id', 'in', ids).execute();
}

const deleteKeyRows = preparedQuery((db, scope: string, key: string) =>
  db.deleteFrom('throttleEvents').where('scope', '=', scope).where('key', '=', key),
);

export async function deleteAttemptsOnKey(db: Db, scope: string, key: string): Promise<void> {
  await deleteKeyRows(db, scope, key.slice(0, KEY_LENGTH));
}

export async function deleteAttemptsBefore(db: Db, before: number): Promise<number> {
  const result = await db
    .deleteFrom('throttleEvents')
    .where('createdAt', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
