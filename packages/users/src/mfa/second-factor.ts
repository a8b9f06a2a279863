import type { Clock } from '../clock';
import type { Db } from '../db/transaction';
import { advanceMfaStep, getMfaColumns } from '../users/users.repository';
import { openSecret } from '../util/secret-box';
import { hashBackupCode, looksLikeBackupCode } from './backup-codes';
import { countUnusedBackupCodes, useBackupCodeRow } from './backup-codes.repository';
import { verifyTotp } from './totp';

export type SecondFactor = 'totp' | 'backup_code';

type FactorDeps = { db: Db; clock: Clock; mfaKey: Buffer };

/**
 * Checks a code from the authenticator app or a backup code, and uses it up: the TOTP step is
 * recorded so the same (or an older) code is refused afterwards, from any session; a backup code
 * works once. Both updates are conditional, so two simultaneous uses succeed once.
 */
export async function useSecondFactor(
  s: FactorDeps,
  userId: number,
  code: string,
): Promise<SecondFactor | null> {
  const row = await getMfaColumns(s.db, userId);
  if (!row?.mfaEnabled || !row.mfaSecret) return null;
  const input = code.trim().replace(/\s/g, '');

  if (/^\d{6}$/.test(input)) {
    const secret = openSecret(s.mfaKey, row.mfaSecret);
    const step = await verifyTotp(secret, input, s.clock.now(), row.mfaLastUsedStep);
    if (step === null) return null;
    return (await advanceMfaStep(s.db, userId, step)) ? 'totp' : null;
  }

  if (looksLikeBackupCode(input)) {
    const used = await useBackupCodeRow(
      s.db,
      userId,
      hashBackupCode(s.mfaKey, input),
      s.clock.now(),
    );
    return used ? 'backup_code' : null;
  }
  return null;
}

export function countBackupCodes(s: { db: Db }, userId: number): Promise<number> {
  return countUnusedBackupCodes(s.db, userId);
}
