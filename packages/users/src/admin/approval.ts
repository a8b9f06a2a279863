import { logSecurityEvent } from '../audit/log';
import { inTransaction } from '../db/transaction';
import { enqueueMail } from '../mail/outbox';
import { accountApprovedMail, appLink, signupRejectedMail } from '../mail/templates';
import type { UsersRead } from '../schemas/users';
import type { RequestMeta, Services } from '../services';
import { getServerSettings } from '../settings/settings.repository';
import { approveUser, deleteUser } from '../users/users.service';

export interface AdminActor {
  id: number;
}

/** Approves a pending sign-up and tells the person, in one transaction (one email, ever). */
export async function approveSignup(
  s: Services,
  actor: AdminActor,
  meta: RequestMeta,
  id: number,
): Promise<UsersRead> {
  const settings = await getServerSettings(s.db);
  const user = await inTransaction(s, async (tx) => {
    const approved = await approveUser(tx, id, {
      requireVerifiedEmail: settings.signupRequireEmailVerification,
    });
    await enqueueMail(tx, accountApprovedMail(approved, appLink(s.appUrl, '/login')));
    await logSecurityEvent(tx, {
      event: 'admin_user_approved',
      userId: id,
      actorId: actor.id,
      ...meta,
    });
    return approved;
  });
  s.mailer.wake();
  return user;
}

/** Deletes a pending sign-up and tells the person why (when a reason is given). */
export async function rejectSignup(
  s: Services,
  actor: AdminActor,
  meta: RequestMeta,
  id: number,
  reason: string | undefined,
): Promise<void> {
  await deleteUser(s, id, {
    onlyPending: true,
    onDeleted: async (tx, pending) => {
      await enqueueMail(tx, signupRejectedMail(pending, reason));
      await logSecurityEvent(tx, {
        event: 'admin_user_rejected',
        userId: id,
        actorId: actor.id,
        ...meta,
        details: { username: pending.username },
      });
    },
  });
  s.mailer.wake();
}
