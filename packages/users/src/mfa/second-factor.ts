import { sql } from 'kysely';
import type { Services } from '../services';
import { looksLikeBackupCode, hashBackupCode } from './backup-codes';
import { openSecret } from '../util/secret-box';
import { verifyTotp } from './totp';

export type SecondFactor = 'totp' | 'backup_code';

/**
 * Checks a code from the authenticator app or a backup code, and uses it up: the TOTP step is
 * recorded so the same (or an older) code is refused afterwards, from any session; a backup code
 * works once. Both updates are conditional, so two simultaneous uses succeed once.
 */
export async function useSecondFactor(
  s: Services,
  userId: number,
  code: string,
): Promise<SecondFactor | null> {
  const row = await s.db
    .selectFrom('users')
    .select(['mfaEnabled', 'mfaSecret', 'mfaLastUsedStep'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!row?.mfaEnabled || !row.mfaSecret) return null;
  const input = code.trim().replace(/\s/g, '');

  if (/^\d{6}$/.test(input)) {
    const secret = openSecret(s.mfaKey, row.mfaSecret);
    const step = await verifyTotp(secret, input, s.clock.now(), row.mfaLastUsedStep);
    if (step === null) return null;
    const result = await s.db
      .updateTable('users')
      .set({ mfaLastUsedStep: step })
      .where('id', '=', userId)
      .where((eb) => eb.or([eb('mfaLastUsedStep', 'is', null), eb('mfaLastUsedStep', '<', step)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1 ? 'totp' : null;
  }

  if (looksLikeBackupCode(input)) {
    const result = await s.db
      .updateTable('mfaBackupCodes')
      .set({ usedAt: s.clock.now() })
      .where('userId', '=', userId)
      .where('codeHash', '=', hashBackupCode(s.mfaKey, input))
      .where('usedAt', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1 ? 'backup_code' : null;
  }
  return null;
}

export async function countBackupCodes(s: Pick<Services, 'db'>, userId: number): Promise<number> {
  const row = await s.db
    .selectFrom('mfaBackupCodes')
    .select(sql<number>`count(*)`.as('count'))
    .where('userId', '=', userId)
    .where('usedAt', 'is', null)
    .executeTakeFirstOrThrow();
  return row.count;
}
