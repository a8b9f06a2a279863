import { logSecurityEvent } from '../audit/log';
import { InvalidToken } from '../errors';
import { enqueueMail } from '../mail/outbox';
import { appLink, verifyNewEmailMail } from '../mail/templates';
import type { RequestMeta, Services } from '../services';
import { takeMailAllowance } from '../throttle/throttle';
import { consumeEmailToken, issueEmailToken } from '../tokens/email-tokens';
import { getUserByIdOr404, verifyUserEmail } from '../users/queries';
import { queueApprovalNotice, queueSignupVerification } from './notify';

/**
 * Opens a verification link. A sign-up becomes active (or, with approval required, goes to the
 * admins, who are told now); a changed address becomes verified. One transaction.
 */
export async function verifyEmail(
  s: Services,
  meta: RequestMeta,
  token: string,
): Promise<{ status: 'active' | 'pending' }> {
  const status = await s.db.transaction().execute(async (trx) => {
    const match = await consumeEmailToken(trx, s.clock, token, ['verify_email', 'change_email']);
    const user = await getUserByIdOr404(trx, match.userId);
    if (user.email !== match.email) {
      throw new InvalidToken(
        'TOKEN_INVALID',
        'This link is for an email address your account no longer uses.',
      );
    }
    const updated = await verifyUserEmail(trx, s, user.id);
    if (match.purpose === 'verify_email' && updated.pendingAdminApproval) {
      await queueApprovalNotice(s, trx, updated);
    }
    await logSecurityEvent(trx, s.clock, { event: 'email_verified', userId: user.id, ...meta });
    return updated.active ? ('active' as const) : ('pending' as const);
  });
  s.mailer.wake();
  return { status };
}

/**
 * Sends a new verification link (voiding the old one) to an unverified address. Answers the same
 * whatever the address; the lookup and the mail happen after the response.
 */
export function resendVerification(s: Services, meta: RequestMeta, email: string): void {
  s.defer(async () => {
    if (!(await takeMailAllowance(s, { address: email, ip: meta.ip }))) return;
    const user = await s.db
      .selectFrom('users')
      .select([
        'id',
        'name',
        'email',
        'emailVerified',
        'awaitingVerification',
        'pendingAdminApproval',
      ])
      .where('email', '=', email.trim().toLowerCase())
      .executeTakeFirst();
    if (!user || user.emailVerified) return;
    await s.db.transaction().execute(async (trx) => {
      const recipient = {
        id: user.id,
        name: user.name,
        email: user.email,
        pendingAdminApproval: Boolean(user.pendingAdminApproval),
      };
      if (user.awaitingVerification) {
        await queueSignupVerification(s, trx, recipient);
      } else {
        const token = await issueEmailToken(trx, s.clock, user.id, 'change_email', user.email);
        await enqueueMail(
          trx,
          s,
          verifyNewEmailMail(recipient, appLink(s.appUrl, '/verify-email', { token })),
        );
      }
    });
    s.mailer.wake();
  });
}
