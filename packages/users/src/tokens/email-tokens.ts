import { type Clock, DAY, HOUR } from '../clock';
import type { Db } from '../db/transaction';
import type { EmailTokenRow } from '../db/types';
import { InvalidToken } from '../errors';
import { generateToken, hashToken } from '../util/tokens';
import {
  deleteEmailTokensExpiredBefore,
  type EmailTokenPurpose,
  getEmailTokenByHash,
  insertEmailToken,
  markEmailTokenUsed,
  voidEmailTokenRows,
} from './email-tokens.repository';

export type { EmailTokenPurpose } from './email-tokens.repository';

/**
 * verify_email: a sign-up's address; change_email: the current address, unverified after a
 * change; confirm_email_change: a new address that replaces the current one once confirmed;
 * reset_password.
 */
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

type TokenDeps = { db: Db; clock: Clock };

/**
 * Issues a single-use token for an email link and voids the user's older unused tokens of the same
 * purpose. Only the SHA-256 of the token is stored.
 */
export async function issueEmailToken(
  s: TokenDeps,
  userId: number,
  purpose: EmailTokenPurpose,
  email: string,
): Promise<string> {
  const token = generateToken();
  const now = s.clock.now();
  await voidEmailTokenRows(s.db, userId, [purpose], now);
  await insertEmailToken(s.db, {
    userId,
    purpose,
    tokenHash: hashToken(token),
    email,
    createdAt: now,
    expiresAt: now + TOKEN_TTL_MS[purpose],
  });
  return token;
}

export type EmailTokenMatch = Pick<EmailTokenRow, 'id' | 'userId' | 'purpose' | 'email'>;

/** Finds a usable token (right purpose, unused, unexpired) without using it up. */
export async function findEmailToken(
  s: TokenDeps,
  token: string,
  purposes: EmailTokenPurpose[],
): Promise<EmailTokenMatch> {
  if (!token || token.length > 200) throw new InvalidToken();
  const row = await getEmailTokenByHash(s.db, hashToken(token));
  if (!row || !purposes.includes(row.purpose)) throw new InvalidToken();
  if (row.usedAt !== null) throw new InvalidToken('TOKEN_USED');
  if (row.expiresAt <= s.clock.now()) throw new InvalidToken('TOKEN_EXPIRED');
  return { id: row.id, userId: row.userId, purpose: row.purpose, email: row.email };
}

/**
 * Uses up a token: it must exist for this purpose, be unused and unexpired. The conditional update
 * makes two simultaneous uses of one token succeed once.
 */
export async function consumeEmailToken(
  s: TokenDeps,
  token: string,
  purposes: EmailTokenPurpose[],
): Promise<EmailTokenMatch> {
  const match = await findEmailToken(s, token, purposes);
  if (!(await markEmailTokenUsed(s.db, match.id, s.clock.now()))) {
    throw new InvalidToken('TOKEN_USED');
  }
  return match;
}

/** Voids every unused token of a user for these purposes (e.g. after a password reset). */
export async function voidEmailTokens(
  s: TokenDeps,
  userId: number,
  purposes: EmailTokenPurpose[],
): Promise<void> {
  await voidEmailTokenRows(s.db, userId, purposes, s.clock.now());
}

export function deleteOldEmailTokens(s: TokenDeps): Promise<number> {
  return deleteEmailTokensExpiredBefore(s.db, s.clock.now() - DAY);
}
