import { logSecurityEvent } from '../audit/log';
import { verifyStepUp } from '../auth/step-up';
import { deleteSecurityEventsOfUser } from '../audit/security-events.repository';
import { InvalidInput } from '../errors';
import { enqueueMail } from '../mail/outbox';
import { accountDeletedMail } from '../mail/templates';
import type { DeleteAccountInput } from '../schemas/account-data';
import type { UsersRead } from '../schemas/users';
import type { RequestMeta, Services } from '../services';
import { deleteUser, lastAdmin, removingLeavesNoAdmin } from '../users/users.service';

/**
 * A person deletes their own account (docs/api.md §14): the username typed again, a step-up, then
 * in one transaction the user row (sessions, keys, passkeys, identities, tokens, codes and
 * privacy settings go with it by cascade), their own security activity, and a notice to the
 * address; the photo file once that has committed. The log keeps one `account_deleted` entry. The
 * last active admin cannot.
 */
export async function deleteOwnAccount(
  s: Services,
  user: UsersRead,
  meta: RequestMeta,
  input: DeleteAccountInput,
): Promise<void> {
  if (input.username.toLowerCase() !== user.username.toLowerCase()) {
    throw new InvalidInput(
      'Type your username exactly as it is shown to confirm.',
      'username',
      'USERNAME_MISMATCH',
    );
  }
  // Said before the step-up, so a code is not used up for a deletion that cannot happen.
  if (await removingLeavesNoAdmin(s.db, user)) throw lastAdmin('delete');
  await verifyStepUp(s, user, meta, input.stepUp);
  await deleteUser(s, user.id, {
    onDeleted: async (tx, deleted) => {
      await deleteSecurityEventsOfUser(tx.db, deleted.id);
      await logSecurityEvent(tx, { event: 'account_deleted', userId: deleted.id, ...meta });
      await enqueueMail(tx, accountDeletedMail(deleted, deleted.username));
    },
  });
  s.mailer.wake();
}
