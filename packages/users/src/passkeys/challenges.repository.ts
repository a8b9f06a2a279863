import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../db/transaction';
import type { WebauthnChallengesTable } from '../db/types';

/** The SQL of `webauthn_challenges`: only the SHA-256 of each challenge is stored. */

export type ChallengeRow = Selectable<WebauthnChallengesTable>;

export async function insertChallenge(
  db: Db,
  row: Insertable<WebauthnChallengesTable>,
): Promise<void> {
  await db.insertInto('webauthnChallenges').values(row).execute();
}

/** Takes a challenge once: deleted as it is read, so a replayed answer finds nothing. */
export async function takeChallenge(db: Db, challengeHash: string): Promise<ChallengeRow | null> {
  return (
    (await db
      .deleteFrom('webauthnChallenges')
      .where('challengeHash', '=', challengeHash)
      .returningAll()
      .executeTakeFirst()) ?? null
  );
}

export async function deleteChallengesExpiredBy(db: Db, now: number): Promise<number> {
  const result = await db
    .deleteFrom('webauthnChallenges')
    .where('expiresAt', '<=', now)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
