import { enqueueMail } from '../mail/outbox';
import { appLink, approvalNeededMail, verifyEmailMail } from '../mail/templates';
import type { UsersRead } from '../schemas/users';
import type { Services } from '../services';
import { issueEmailToken } from '../tokens/email-tokens';
import { getActiveAdminContacts } from '../users/users.repository';

/** Queues the verification email of a sign-up (in the caller's transaction, when `s.db` is one). */
export async function queueSignupVerification(
  s: Services,
  user: Pick<UsersRead, 'id' | 'name' | 'email' | 'preferredLanguage' | 'pendingAdminApproval'>,
): Promise<void> {
  const token = await issueEmailToken(s, user.id, 'verify_email', user.email);
  await enqueueMail(
    s,
    verifyEmailMail(
      user,
      appLink(s.appUrl, '/verify-email', { token }),
      user.pendingAdminApproval ? 'approval' : 'sign_in',
    ),
  );
}

/** Tells every active admin that a sign-up waits for approval (in the caller's transaction). */
export async function queueApprovalNotice(
  s: Services,
  applicant: Pick<UsersRead, 'id' | 'name' | 'username' | 'email'>,
): Promise<void> {
  const admins = await getActiveAdminContacts(s.db);
  const link = appLink(s.appUrl, `/admin/users/${applicant.id}`);
  for (const admin of admins) {
    await enqueueMail(s, approvalNeededMail(admin, applicant, link));
  }
}
