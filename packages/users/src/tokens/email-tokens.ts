import type { Kysely } from 'kysely';
import { type Clock, DAY, HOUR } from '../clock';
import type { Database, EmailTokenRow } from '../db/types';
import { InvalidToken } from '../errors';
import { generateToken, hashToken } from '../util/tokens';

type Db = Kysely<Database>;

/**
 * verify_email: a sign-up's address; change_email: the current address, unverified after a
 * change; confirm_email_change: a new address that replaces the current one once confirmed;
 * reset_password.
 */
export type EmailTokenPurpose =
  'verify_email' | 'change_email' | 'confirm_email_change' | 'reset_password';

export const ALL_TOKEN_PURPOSES: EmailTokenPurpose[] = [
  'verify_email',
  'change_email',
  'confirm_email_change',
  'reset_password',
];

export const TOKEN_TTL_MS: Record<EmailTokenPurpose, number> = {
  verify_email: DAY,
  change_email: DAY,
  confirm_email_change: DAY,
  reset_password: HOUR,
};

/**
 * Issues a single-use token for an email link and voids the user's older unused tokens of the same
 * purpose. Only the SHA-256 of the token is stored.
 */
export async function issueEmailToken(
  db: Db,
  clock: Clock,
  userId: number,
  purpose: EmailTokenPurpose,
  email: string,
): Promise<string> {
  const token = generateToken();
  const now = clock.now();
  await db
    .updateTable('emailTokens')
    .set({ usedAt: now })
    .where('userId', '=', userId)
    .where('purpose', '=', purpose)
    .where('usedAt', 'is', null)
    .execute();
  await db
    .insertInto('emailTokens')
    .values({
      userId,
      purpose,
      tokenHash: hashToken(token),
      email,
      createdAt: now,
      expiresAt: now + TOKEN_TTL_MS[purpose],
      usedAt: null,
    })
    .execute();
  return token;
}

export type EmailTokenMatch = Pick<EmailTokenRow, 'id' | 'userId' | 'purpose' | 'email'>;

/** Finds a usable token (right purpose, unused, unexpired) without using it up. */
export async function findEmailToken(
  db: Db,
  clock: Clock,
  token: string,
  purposes: EmailTokenPurpose[],
): Promise<EmailTokenMatch> {
  if (!token || token.length > 200) throw new InvalidToken();
  const row = await db
    .selectFrom('emailTokens')
    .select(['id', 'userId', 'purpose', 'email', 'expiresAt', 'usedAt'])
    .where('tokenHash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || !purposes.includes(row.purpose)) throw new InvalidToken();
  if (row.usedAt !== null) throw new InvalidToken('TOKEN_USED');
  if (row.expiresAt <= clock.now()) throw new InvalidToken('TOKEN_EXPIRED');
  return { id: row.id, userId: row.userId, purpose: row.purpose, email: row.email };
}

/**
 * Uses up a token: it must exist for this purpose, be unused and unexpired. The conditional update
 * makes two simultaneous uses of one token succeed once.
 */
export async function consumeEmailToken(
  db: Db,
  clock: Clock,
  token: string,
  purposes: EmailTokenPurpose[],
): Promise<EmailTokenMatch> {
  const match = await findEmailToken(db, clock, token, purposes);
  const result = await db
    .updateTable('emailTokens')
    .set({ usedAt: clock.now() })
    .where('id', '=', match.id)
    .where('usedAt', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new InvalidToken('TOKEN_USED');
  return match;
}

/** Voids every unused token of a user for these purposes (e.g. after a password reset). */
export async function voidEmailTokens(
  db: Db,
  clock: Clock,
  userId: number,
  purposes: EmailTokenPurpose[],
): Promise<void> {
  await db
    .updateTable('emailTokens')
    .set({ usedAt: clock.now() })
    .where('userId', '=', userId)
    .where('purpose', 'in', purposes)
    .where('usedAt', 'is', null)
    .execute();
}

export async function deleteOldEmailTokens(db: Db, clock: Clock): Promise<number> {
  const result = await db
    .deleteFrom('emailTokens')
    .where('expiresAt', '<', clock.now() - DAY)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
