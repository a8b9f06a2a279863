import type { Db } from '../db/transaction';
import type { IdentityProvidersTable } from '../db/types';
import type { Insertable, Selectable, Updateable } from 'kysely';

/** The SQL of `identity_providers`. The client secret arrives and leaves sealed. */

export type IdentityProviderRow = Selectable<IdentityProvidersTable>;
export type NewIdentityProviderRow = Insertable<IdentityProvidersTable>;
export type IdentityProviderRowUpdate = Updateable<IdentityProvidersTable>;

export function listIdentityProviderRows(db: Db): Promise<IdentityProviderRow[]> {
  return db.selectFrom('identityProviders').selectAll().orderBy('name').orderBy('id').execute();
}

export function listEnabledIdentityProviderRows(db: Db): Promise<IdentityProviderRow[]> {
  return db
    .selectFrom('identityProviders')
    .selectAll()
    .where('enabled', '=', true)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export async function getIdentityProviderRow(
  db: Db,
  id: number,
): Promise<IdentityProviderRow | null> {
  return (
    (await db
      .selectFrom('identityProviders')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst()) ?? null
  );
}

export async function getIdentityProviderRowBySlug(
  db: Db,
  slug: string,
): Promise<IdentityProviderRow | null> {
  return (
    (await db
      .selectFrom('identityProviders')
      .selectAll()
      .where('slug', '=', slug)
      .executeTakeFirst()) ?? null
  );
}

export async function insertIdentityProviderRow(
  db: Db,
  row: NewIdentityProviderRow,
): Promise<number> {
  const inserted = await db
    .insertInto('identityProviders')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export async function updateIdentityProviderRow(
  db: Db,
  id: number,
  patch: IdentityProviderRowUpdate,
): Promise<boolean> {
  const result = await db
    .updateTable('identityProviders')
    .set(patch)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteIdentityProviderRow(db: Db, id: number): Promise<boolean> {
  const result = await db.deleteFrom('identityProviders').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
