import { logSecurityEvent } from '../audit/log';
import { verifyStepUp } from '../auth/step-up';
import { inTransaction } from '../db/transaction';
import { enqueueMail } from '../mail/outbox';
import { appLink, passwordChangedMail } from '../mail/templates';
import { checkPasswordPolicy } from '../passwords/policy';
import { replacePasswordHash } from '../passwords/replace-password';
import type { UsersRead } from '../schemas/users';
import type { RequestMeta, Services } from '../services';
import { getServerSettings } from '../settings/settings.repository';

export interface ChangePasswordInput {
  currentPassword?: string | undefined;
  password: string;
  mfaCode?: string | undefined;
  revokeOtherSessions?: boolean | undefined;
}

/**
 * A signed-in user changes their password: the current one (and a code when MFA is on) is the
 * step-up, the policy applies, other sessions end when asked, and the change is emailed.
 */
export async function changePassword(
  s: Services,
  user: UsersRead,
  currentSessionId: string,
  meta: RequestMeta,
  input: ChangePasswordInput,
): Promise<{ revokedSessions: number }> {
  // The policy first: a refused new password should not use up the current password or a code.
  const settings = await getServerSettings(s.db);
  checkPasswordPolicy(input.password, settings, user.accessType, 'password');
  await verifyStepUp(
    s,
    user,
    meta,
    { password: input.currentPassword, code: input.mfaCode },
    { password: 'currentPassword', code: 'mfaCode' },
  );
  const passwordHash = await s.hasher.hash(input.password);

  const revokedSessions = await inTransaction(s, async (tx) => {
    const revoked = await replacePasswordHash(
      tx,
      user.id,
      passwordHash,
      input.revokeOtherSessions ? { end: 'others', currentSessionId } : { end: 'none' },
    );
    await enqueueMail(
      tx,
      passwordChangedMail(
        user,
        appLink(s.appUrl, '/login'),
        input.revokeOtherSessions ? 'others_ended' : 'kept',
      ),
    );
    await logSecurityEvent(tx, {
      event: 'password_changed',
      userId: user.id,
      ...meta,
      details: { otherSessionsEnded: revoked },
    });
    return revoked;
  });
  s.mailer.wake();
  return { revokedSessions };
}
