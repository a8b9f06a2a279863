import type { Db } from '../db/transaction';
import type { PendingLoginsTable } from '../db/types';

/** The SQL of `pending_logins`: sign-ins whose password was right, waiting for a second factor. */

export interface PendingLogin {
  tokenHash: string;
  userId: number;
  expiresAt: number;
}

export async function insertPendingLogin(db: Db, row: PendingLoginsTable): Promise<void> {
  await db.insertInto('pendingLogins').values(row).execute();
}

export function getPendingLogin(db: Db, tokenHash: string): Promise<PendingLogin | undefined> {
  return db
    .selectFrom('pendingLogins')
    .select(['tokenHash', 'userId', 'expiresAt'])
    .where('tokenHash', '=', tokenHash)
    .executeTakeFirst();
}

/**
 * Takes one of the pending sign-in's attempts before its code is judged, by one conditional
 * update: of any number of simultaneous codes, at most `max` ever get an attempt. Returns the
 * attempt's number, or null when the sign-in has ended or expired.
 */
export async function takePendingAttempt(
  db: Db,
  tokenHash: string,
  max: number,
  now: number,
): Promise<number | null> {
  const row = await db
    .updateTable('pendingLogins')
    .set((eb) => ({ failedAttempts: eb('failedAttempts', '+', 1) }))
    .where('tokenHash', '=', tokenHash)
    .where('failedAttempts', '<', max)
    .where('expiresAt', '>', now)
    .returning('failedAttempts')
    .executeTakeFirst();
  return row ? row.failedAttempts : null;
}

/** Ends a pending sign-in; true when this call ended it (so two completions cannot both win). */
export async function deletePendingLogin(db: Db, tokenHash: string): Promise<boolean> {
  const result = await db
    .deleteFrom('pendingLogins')
    .where('tokenHash', '=', tokenHash)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function deleteUserPendingLogins(db: Db, userId: number): Promise<void> {
  await db.deleteFrom('pendingLogins').where('userId', '=', userId).execute();
}

export async function deletePendingLoginsExpiredBy(db: Db, now: number): Promise<number> {
  const result = await db
    .deleteFrom('pendingLogins')
    .where('expiresAt', '<=', now)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
