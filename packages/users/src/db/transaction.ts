import { type Kysely, PostgresAdapter } from 'kysely';
import type { Database } from './types';

/** The database or an open transaction on it: repository functions take either. */
export type Db = Kysely<Database>;

/**
 * Runs `fn` in a transaction, or inside the caller's when `db` already is one, so a service can
 * be called alone or as one step of a larger change without nesting transactions.
 */
export function inTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

export function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
