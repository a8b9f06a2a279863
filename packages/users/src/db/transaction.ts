import { type Kysely, PostgresAdapter } from 'kysely';
import type { Database } from './types';

/** The database or an open transaction on it: repository functions take either, first. */
export type Db = Kysely<Database>;

/**
 * The one way a service opens a transaction: `fn` gets the same services with `db` bound to the
 * transaction, so everything it calls writes in it. Inside a caller's transaction it simply joins
 * it, so a service can run alone or as one step of a larger change without nesting.
 */
export function inTransaction<S extends { db: Db }, T>(
  s: S,
  fn: (tx: S) => Promise<T>,
): Promise<T> {
  return s.db.isTransaction ? fn(s) : s.db.transaction().execute((trx) => fn({ ...s, db: trx }));
}

export function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
