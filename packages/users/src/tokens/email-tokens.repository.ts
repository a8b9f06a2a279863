import type { Db } from '../db/transaction';
import type { EmailTokenRow } from '../db/types';

/** The SQL of `email_tokens`: links sent by email, stored as SHA-256 only. */

export type EmailTokenPurpose = EmailTokenRow['purpose'];

export async function insertEmailToken(
  db: Db,
  token: Pick<
    EmailTokenRow,
    'userId' | 'purpose' | 'tokenHash' | 'email' | 'createdAt' | 'expiresAt'
  >,
): Promise<void> {
  await db
    .insertInto('emailTokens')
    .values({ ...token, usedAt: null })
    .execute();
}

export function getEmailTokenByHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('emailTokens')
    .select(['id', 'userId', 'purpose', 'email', 'expiresAt', 'usedAt'])
    .where('tokenHash', '=', tokenHash)
    .executeTakeFirst();
}

/** Uses a token up, only if it is still unused: of two simultaneous uses, one wins. */
export async function markEmailTokenUsed(db: Db, id: number, now: number): Promise<boolean> {
  const result = await db
    .updateTable('emailTokens')
    .set({ usedAt: now })
    .where('id', '=', id)
    .where('usedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Voids every unused token of a user for these purposes. */
export async function voidEmailTokenRows(
  db: Db,
  userId: number,
  purposes: EmailTokenPurpose[],
  now: number,
): Promise<void> {
  await db
    .updateTable('emailTokens')
    .set({ usedAt: now })
    .where('userId', '=', userId)
    .where('purpose', 'in', purposes)
    .where('usedAt', 'is', null)
    .execute();
}

export async function deleteEmailTokensExpiredBefore(db: Db, before: number): Promise<number> {
  const result = await db
    .deleteFrom('emailTokens')
    .where('expiresAt', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
