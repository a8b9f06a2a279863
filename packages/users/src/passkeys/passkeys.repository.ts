import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../db/transaction';
import type { PasskeysTable } from '../db/types';

/** The SQL of `passkeys`: public keys and counters, nothing secret. */

export type PasskeyRow = Selectable<PasskeysTable>;

export function listPasskeysOfUser(db: Db, userId: number): Promise<PasskeyRow[]> {
  return db
    .selectFrom('passkeys')
    .selectAll()
    .where('userId', '=', userId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

export async function countPasskeysOfUser(db: Db, userId: number): Promise<number> {
  const row = await db
    .selectFrom('passkeys')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('userId', '=', userId)
    .executeTakeFirst();
  // PostgreSQL answers count(*) as a bigint, which the driver hands over as text.
  return Number(row?.count ?? 0);
}

export async function getPasskeyByCredentialId(
  db: Db,
  credentialId: string,
): Promise<PasskeyRow | null> {
  return (
    (await db
      .selectFrom('passkeys')
      .selectAll()
      .where('credentialId', '=', credentialId)
      .executeTakeFirst()) ?? null
  );
}

export async function insertPasskey(db: Db, row: Insertable<PasskeysTable>): Promise<number> {
  const inserted = await db
    .insertInto('passkeys')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export async function getPasskeyOfUser(
  db: Db,
  userId: number,
  id: number,
): Promise<PasskeyRow | null> {
  return (
    (await db
      .selectFrom('passkeys')
      .selectAll()
      .where('id', '=', id)
      .where('userId', '=', userId)
      .executeTakeFirst()) ?? null
  );
}

export async function renamePasskeyOfUser(
  db: Db,
  userId: number,
  id: number,
  name: string,
): Promise<boolean> {
  const result = await db
    .updateTable('passkeys')
    .set({ name })
    .where('id', '=', id)
    .where('userId', '=', userId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Moves the counter forward, only from the value this sign-in read: of two sign-ins with one
 * assertion (a replayed or cloned one), one moves it.
 */
export async function advancePasskeyCounter(
  db: Db,
  id: number,
  values: { from: number; to: number; now: number; backedUp: boolean },
): Promise<boolean> {
  const result = await db
    .updateTable('passkeys')
    .set({ counter: values.to, lastUsedAt: values.now, backedUp: values.backedUp })
    .where('id', '=', id)
    .where('counter', '=', values.from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deletePasskeyOfUser(db: Db, userId: number, id: number): Promise<boolean> {
  const result = await db
    .deleteFrom('passkeys')
    .where('id', '=', id)
    .where('userId', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function deletePasskeysOfUser(db: Db, userId: number): Promise<number> {
  const result = await db.deleteFrom('passkeys').where('userId', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
