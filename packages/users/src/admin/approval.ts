import { logSecurityEvent } from '../audit/log';
import { LastAdmin } from '../errors';
import { enqueueMail } from '../mail/outbox';
import { accountApprovedMail, appLink, signupRejectedMail } from '../mail/templates';
import type { UsersRead } from '../schemas/users';
import type { RequestMeta, Services } from '../services';
import { getServerSettings } from '../settings/queries';
import { deleteUserPhotoFilesystem } from '../users/photos';
import { approveUser, getUserByIdOr404, notPending, removingLeavesNoAdmin } from '../users/queries';

export interface AdminActor {
  id: number;
}

/** Approves a pending sign-up and tells the person, in one transaction. */
export async function approveSignup(
  s: Services,
  actor: AdminActor,
  meta: RequestMeta,
  id: number,
): Promise<UsersRead> {
  const settings = await getServerSettings(s.db);
  const user = await s.db.transaction().execute(async (trx) => {
    const approved = await approveUser(trx, s, id, {
      requireVerifiedEmail: settings.signupRequireEmailVerification,
    });
    await enqueueMail(trx, s, accountApprovedMail(approved, appLink(s.appUrl, '/login')));
    await logSecurityEvent(trx, s.clock, {
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
  const user = await s.db.transaction().execute(async (trx) => {
    const pending = await getUserByIdOr404(trx, id);
    if (!pending.pendingAdminApproval) throw notPending();
    if (await removingLeavesNoAdmin(trx, pending)) {
      throw new LastAdmin(
        'This is the last active administrator: make another user an administrator before rejecting this one.',
      );
    }
    const deleted = await trx
      .deleteFrom('users')
      .where('id', '=', id)
      .where('pendingAdminApproval', '=', true)
      .executeTakeFirst();
    if (Number(deleted.numDeletedRows) !== 1) throw notPending();
    await enqueueMail(trx, s, signupRejectedMail(pending, reason));
    await logSecurityEvent(trx, s.clock, {
      event: 'admin_user_rejected',
      userId: id,
      actorId: actor.id,
      ...meta,
      details: { username: pending.username },
    });
    return pending;
  });
  await deleteUserPhotoFilesystem(s.photosDir, user.photoPath);
  s.mailer.wake();
}
