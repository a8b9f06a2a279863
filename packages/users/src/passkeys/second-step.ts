import type { Db } from '../db/transaction';
import { countUnusedBackupCodes } from '../mfa/backup-codes.repository';
import { countPasskeysOfUser } from './passkeys.repository';

export type SecondStepMethod = 'totp' | 'backup_code' | 'passkey';

/** What the second step of a sign-in accepts for this account (it has MFA on). */
export async function secondStepMethods(
  s: { db: Db },
  userId: number,
): Promise<SecondStepMethod[]> {
  const [codes, passkeys] = await Promise.all([
    countUnusedBackupCodes(s.db, userId),
    countPasskeysOfUser(s.db, userId),
  ]);
  const methods: SecondStepMethod[] = ['totp'];
  if (codes > 0) methods.push('backup_code');
  if (passkeys > 0) methods.push('passkey');
  return methods;
}
