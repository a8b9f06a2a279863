import { logSecurityEvent } from '../audit/log';
import { enqueueMail } from '../mail/outbox';
import { appLink, passwordChangedMail, passwordResetMail } from '../mail/templates';
import { checkPasswordAndHash } from '../passwords/policy';
import type { RequestMeta, Services } from '../services';
import { deleteUserSessions } from '../sessions/sessions';
import { getServerSettings } from '../settings/queries';
import { accountKeyFor, clearAccountFailures, takeMailAllowance } from '../throttle/throttle';
import {
  consumeEmailToken,
  findEmailToken,
  issueEmailToken,
  voidEmailTokens,
} from '../tokens/email-tokens';
import { getUserByEmail, getUserByIdOr404 } from '../users/queries';

/**
 * Emails a reset link (1 hour, single use, older links voided). Answers the same, in the same time,
 * whether or not the address has an account: everything happens after the response.
 */
export function requestPasswordReset(s: Services, meta: RequestMeta, email: string): void {
  s.defer(async () => {
    if (!(await takeMailAllowance(s.db, s.clock, { address: email, ip: meta.ip }))) return;
    const user = await getUserByEmail(s.db, email);
    if (!user) return;
    await s.db.transaction().execute(async (trx) => {
      const token = await issueEmailToken(trx, s.clock, user.id, 'reset_password', user.email);
      await enqueueMail(
        trx,
        s.clock,
        passwordResetMail(user, appLink(s.appUrl, '/reset-password', { token })),
      );
      await logSecurityEvent(trx, s.clock, {
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
  const match = await findEmailToken(s.db, s.clock, input.token, ['reset_password']);
  const user = await getUserByIdOr404(s.db, match.userId);
  const settings = await getServerSettings(s.db);
  const passwordHash = await checkPasswordAndHash(
    input.password,
    settings,
    user.accessType,
    s.hasher,
  );

  await s.db.transaction().execute(async (trx) => {
    await consumeEmailToken(trx, s.clock, input.token, ['reset_password']);
    await trx
      .updateTable('users')
      .set({ passwordHash, updatedAt: s.clock.now() })
      .where('id', '=', user.id)
      .execute();
    await deleteUserSessions(trx, user.id);
    await trx.deleteFrom('pendingLogins').where('userId', '=', user.id).execute();
    await voidEmailTokens(trx, s.clock, user.id, ['reset_password']);
    await clearAccountFailures(trx, accountKeyFor(user.id, user.username));
    await enqueueMail(trx, s.clock, passwordChangedMail(user, appLink(s.appUrl, '/login')));
    await logSecurityEvent(trx, s.clock, { event: 'password_reset', userId: user.id, ...meta });
  });
  s.mailer.wake();
}
