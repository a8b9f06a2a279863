import { sql } from 'kysely';
import type { Db } from '../db/transaction';

/** The SQL of `mfa_backup_codes`: HMACs of single-use codes. */

export async function replaceBackupCodeRows(
  db: Db,
  userId: number,
  codeHashes: string[],
): Promise<void> {
  await deleteBackupCodes(db, userId);
  await db
    .insertInto('mfaBackupCodes')
    .values(codeHashes.map((codeHash) => ({ userId, codeHash, usedAt: null })))
    .execute();
}

/** Uses a code up, only while it is unused: of two simultaneous uses, one wins. */
export async function useBackupCodeRow(
  db: Db,
  userId: number,
  codeHash: string,
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('mfaBackupCodes')
    .set({ usedAt: now })
    .where('userId', '=', userId)
    .where('codeHash', '=', codeHash)
    .where('usedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countUnusedBackupCodes(db: Db, userId: number): Promise<number> {
  const row = await db
    .selectFrom('mfaBackupCodes')
    .select(sql<number>`count(*)`.as('count'))
    .where('userId', '=', userId)
    .where('usedAt', 'is', null)
    .executeTakeFirstOrThrow();
  return row.count;
}

export async function deleteBackupCodes(db: Db, userId: number): Promise<void> {
  await db.deleteFrom('mfaBackupCodes').where('userId', '=', userId).execute();
}
