import { logSecurityEvent } from '../audit/log';
import { inTransaction } from '../db/transaction';
import { InvalidToken } from '../errors';
import { enqueueMail } from '../mail/outbox';
import { appLink, verifyNewEmailMail } from '../mail/templates';
import type { RequestMeta, Services } from '../services';
import { takeMailAllowance } from '../throttle/throttle';
import { consumeEmailToken, issueEmailToken } from '../tokens/email-tokens';
import { getUnverifiedByEmail, getUserByIdOr404 } from '../users/users.repository';
import { verifyUserEmail } from '../users/users.service';
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
  const status = await inTransaction(s, async (tx) => {
    const match = await consumeEmailToken(tx, token, ['verify_email', 'change_email']);
    const user = await getUserByIdOr404(tx.db, match.userId);
    if (user.email !== match.email) {
      throw new InvalidToken(
        'TOKEN_INVALID',
        'This link is for an email address your account no longer uses.',
      );
    }
    const updated = await verifyUserEmail(tx, user.id);
    if (match.purpose === 'verify_email' && updated.pendingAdminApproval) {
      await queueApprovalNotice(tx, updated);
    }
    await logSecurityEvent(tx, { event: 'email_verified', userId: user.id, ...meta });
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
    const user = await getUnverifiedByEmail(s.db, email);
    if (!user) return;
    await inTransaction(s, async (tx) => {
      if (user.awaitingVerification) {
        await queueSignupVerification(tx, user);
      } else {
        const link = await issueEmailToken(tx, user.id, 'change_email', user.email);
        await enqueueMail(
          tx,
          verifyNewEmailMail(user, appLink(s.appUrl, '/verify-email', { token: link })),
        );
      }
    });
    s.mailer.wake();
  });
}
