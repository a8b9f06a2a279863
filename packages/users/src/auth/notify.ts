import type { Kysely } from 'kysely';
import type { Database } from '../db/types';
import { enqueueMail } from '../mail/outbox';
import { appLink, approvalNeededMail, verifyEmailMail } from '../mail/templates';
import type { UsersRead } from '../schemas/users';
import type { Services } from '../services';
import { issueEmailToken } from '../tokens/email-tokens';

/** Queues the verification email of a sign-up (in the caller's transaction). */
export async function queueSignupVerification(
  s: Services,
  trx: Kysely<Database>,
  user: Pick<UsersRead, 'id' | 'name' | 'email' | 'pendingAdminApproval'>,
): Promise<void> {
  const token = await issueEmailToken(trx, s.clock, user.id, 'verify_email', user.email);
  const nextStep = user.pendingAdminApproval
    ? 'After that, an administrator reviews your sign-up; we will email you when it is approved.'
    : 'After that, you can sign in.';
  await enqueueMail(
    trx,
    s,
    verifyEmailMail(user, appLink(s.appUrl, '/verify-email', { token }), nextStep),
  );
}

/** Tells every active admin that a sign-up waits for approval (in the caller's transaction). */
export async function queueApprovalNotice(
  s: Services,
  trx: Kysely<Database>,
  applicant: Pick<UsersRead, 'id' | 'name' | 'username' | 'email'>,
): Promise<void> {
  const admins = await trx
    .selectFrom('users')
    .select(['name', 'email'])
    .where('accessType', '=', 'admin')
    .where('active', '=', true)
    .execute();
  const link = appLink(s.appUrl, `/admin/users/${applicant.id}`);
  for (const admin of admins) {
    await enqueueMail(trx, s, approvalNeededMail(admin, applicant, link));
  }
}
