import type { Insertable, Selectable } from 'kysely';
import { preparedQuery } from '../db/prepared';
import type { Db } from '../db/transaction';
import type { ApiKeysTable } from '../db/types';
import { USER_COLUMNS } from '../users/users.columns';

/** The SQL of `api_keys`: a key's SHA-256 and its metadata, never the key itself. */

export type ApiKeyRow = Selectable<ApiKeysTable>;

const KEY_COLUMNS = [
  'apiKeys.id',
  'apiKeys.userId',
  'apiKeys.name',
  'apiKeys.prefix',
  'apiKeys.scopes',
  'apiKeys.createdAt',
  'apiKeys.lastUsedAt',
  'apiKeys.expiresAt',
] as const;

export type ApiKeyListRow = Omit<ApiKeyRow, 'keyHash'>;

export function listApiKeysOfUser(db: Db, userId: number): Promise<ApiKeyListRow[]> {
  return db
    .selectFrom('apiKeys')
    .select(KEY_COLUMNS)
    .where('userId', '=', userId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** How many keys a user holds, expired ones included (they stay listed until revoked). */
export async function countApiKeysOfUser(db: Db, userId: number): Promise<number> {
  const row = await db
    .selectFrom('apiKeys')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('userId', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function insertApiKey(db: Db, row: Insertable<ApiKeysTable>): Promise<ApiKeyListRow> {
  return db
    .insertInto('apiKeys')
    .values(row)
    .returning(['id', 'userId', 'name', 'prefix', 'scopes', 'createdAt', 'lastUsedAt', 'expiresAt'])
    .executeTakeFirstOrThrow();
}

/** Every call made with a key reads it: one indexed read of the key joined to its owner. */
const findKeyByHash = preparedQuery((db, keyHash: string) =>
  db
    .selectFrom('apiKeys')
    .innerJoin('users', 'users.id', 'apiKeys.userId')
    .select([
      ...USER_COLUMNS,
      'apiKeys.id as keyId',
      'apiKeys.keyHash',
      'apiKeys.scopes',
      'apiKeys.lastUsedAt',
      'apiKeys.expiresAt',
    ])
    .where('apiKeys.keyHash', '=', keyHash),
);

export async function getApiKeyWithUser(db: Db, keyHash: string) {
  const [row] = await findKeyByHash(db, keyHash);
  return row;
}

/**
 * Records a use, at most once a minute: the condition makes the write happen once however many
 * calls arrive together.
 */
export async function touchApiKey(db: Db, id: number, now: number, everyMs: number): Promise<void> {
  await db
    .updateTable('apiKeys')
    .set({ lastUsedAt: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('lastUsedAt', 'is', null), eb('lastUsedAt', '<=', now - everyMs)]))
    .execute();
}

/** Deletes one key of this user; false when it was not theirs or already gone. */
export async function deleteApiKeyOfUser(db: Db, userId: number, id: number): Promise<boolean> {
  const result = await db
    .deleteFrom('apiKeys')
    .where('id', '=', id)
    .where('userId', '=', userId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Ends every key of a user (deactivation, a password reset). Returns how many ended. */
export async function deleteApiKeysOfUser(db: Db, userId: number): Promise<number> {
  const result = await db.deleteFrom('apiKeys').where('userId', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Ends the keys of a user that carry an admin scope (the owner is no longer an admin). */
export async function deleteAdminApiKeysOfUser(db: Db, userId: number): Promise<number> {
  const result = await db
    .deleteFrom('apiKeys')
    .where('userId', '=', userId)
    .where('scopes', 'like', '%admin:%')
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
