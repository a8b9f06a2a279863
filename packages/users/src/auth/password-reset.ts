import { logSecurityEvent } from '../audit/log';
import { enqueueMail } from '../mail/outbox';
import { appLink, passwordChangedMail, passwordResetMail } from '../mail/templates';
import { inTransaction } from '../db/transaction';
import { checkPasswordAndHash } from '../passwords/policy';
import { replacePasswordHash } from '../passwords/replace-password';
import type { RequestMeta, Services } from '../services';
import { getServerSettings } from '../settings/settings.repository';
import { accountKeyFor } from '../throttle/limits';
import { clearAccountFailures, takeMailAllowance } from '../throttle/throttle';
import { consumeEmailToken, findEmailToken, issueEmailToken } from '../tokens/email-tokens';
import { getUserByEmail, getUserByIdOr404 } from '../users/users.repository';

/**
 * Emails a reset link (1 hour, single use, older links voided). Answers the same, in the same time,
 * whether or not the address has an account: everything happens after the response.
 */
export function requestPasswordReset(s: Services, meta: RequestMeta, email: string): void {
  s.defer(async () => {
    if (!(await takeMailAllowance(s, { address: email, ip: meta.ip }))) return;
    const user = await getUserByEmail(s.db, email);
    if (!user) return;
    await inTransaction(s, async (tx) => {
      const token = await issueEmailToken(tx, user.id, 'reset_password', user.email);
      await enqueueMail(
        tx,
        passwordResetMail(user, appLink(s.appUrl, '/reset-password', { token })),
      );
      await logSecurityEvent(tx, {
        event: 'password_reset_requested',
        userId: user.id,
        ...meta,
      });
    });
    s.mailer.wake();
  });
}

/**
 * Sets a new password with a reset link: the policy for the user's access type applies, every
 * session ends, sign-in failures are forgiven, and a confirmation is emailed. No automatic sign-in.
 */
export async function resetPassword(
  s: Services,
  meta: RequestMeta,
  input: { token: string; password: string },
): Promise<void> {
  // The link is checked, not used up, before the policy: a refused password keeps the link.
  const match = await findEmailToken(s, input.token, ['reset_password']);
  const user = await getUserByIdOr404(s.db, match.userId);
  const settings = await getServerSettings(s.db);
  const passwordHash = await checkPasswordAndHash(
    input.password,
    settings,
    user.accessType,
    s.hasher,
  );

  await inTransaction(s, async (tx) => {
    await consumeEmailToken(tx, input.token, ['reset_password']);
    await replacePasswordHash(tx, user.id, passwordHash, { end: 'all' });
    // A completed reset always lifts the lock: an attacker cannot keep the owner out.
    await clearAccountFailures(tx, accountKeyFor(user.id, user.username));
    await enqueueMail(tx, passwordChangedMail(user, appLink(s.appUrl, '/login')));
    await logSecurityEvent(tx, { event: 'password_reset', userId: user.id, ...meta });
  });
  s.mailer.wake();
}
