import { logSecurityEvent } from '../audit/log';
import { verifyStepUp } from '../auth/step-up';
import { inTransaction } from '../db/transaction';
import { enqueueMail } from '../mail/outbox';
import { appLink, secondFactorsResetMail } from '../mail/templates';
import { deleteBackupCodes } from '../mfa/backup-codes.repository';
import { countBackupCodes } from '../mfa/second-factor';
import { countPasskeysOfUser, deletePasskeysOfUser } from '../passkeys/passkeys.repository';
import type { SecondFactors } from '../schemas/outputs';
import type { StepUp } from '../schemas/step-up';
import type { RequestMeta, Services } from '../services';
import { deleteUserSessions } from '../sessions/sessions.repository';
import { getUserByIdOr404 } from '../users/users.repository';
import { updateUserMfa } from '../users/users.service';
import type { AdminActor } from './approval';

/** What an admin sees of a user's second factors: whether, and how many, never a secret. */
export async function secondFactorsOf(s: Services, id: number): Promise<SecondFactors> {
  const user = await getUserByIdOr404(s.db, id);
  return {
    totp: user.mfaEnabled,
    backupCodesRemaining: user.mfaEnabled ? await countBackupCodes(s, id) : 0,
    passkeys: await countPasskeysOfUser(s.db, id),
  };
}

/**
 * For a person who lost their device (docs/api.md §12): after the admin's own step-up, removes the
 * user's TOTP secret, backup codes and passkeys, ends their sessions and tells them by email, in
 * one transaction.
 */
export async function resetSecondFactors(
  s: Services,
  actor: AdminActor & { username: string },
  meta: RequestMeta,
  input: { id: number; stepUp: StepUp },
): Promise<void> {
  await verifyStepUp(s, actor, meta, input.stepUp);
  await inTransaction(s, async (tx) => {
    const user = await getUserByIdOr404(tx.db, input.id);
    await updateUserMfa(tx, user.id, { enabled: false, secret: null, lastUsedStep: null });
    await deleteBackupCodes(tx.db, user.id);
    const passkeys = await deletePasskeysOfUser(tx.db, user.id);
    const sessions = await deleteUserSessions(tx.db, user.id);
    await enqueueMail(tx, secondFactorsResetMail(user, appLink(s.appUrl, '/login')));
    await logSecurityEvent(tx, {
      event: 'admin_second_factors_reset',
      userId: user.id,
      actorId: actor.id,
      ...meta,
      details: { passkeys, sessions },
    });
  });
  s.mailer.wake();
}
