import { logSecurityEvent } from '../audit/log';
import { enqueueMail } from '../mail/outbox';
import { appLink, passwordChangedMail } from '../mail/templates';
import { confirmPassword, confirmSecondFactor } from '../mfa/flows';
import { checkPasswordPolicy } from '../passwords/policy';
import type { UsersRead } from '../schemas/users';
import type { RequestMeta, Services } from '../services';
import { deleteUserSessions } from '../sessions/sessions';
import { getServerSettings } from '../settings/queries';

export interface ChangePasswordInput {
  currentPassword: string;
  password: string;
  mfaCode?: string | undefined;
  revokeOtherSessions?: boolean | undefined;
}

/**
 * A signed-in user changes their password: the current one (and a code when MFA is on) is
 * required, the policy applies, other sessions end when asked, and the change is emailed.
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
  await confirmPassword(s, user, meta, input.currentPassword, 'currentPassword');
  if (user.mfaEnabled) await confirmSecondFactor(s, user, meta, input.mfaCode, 'mfaCode');
  const passwordHash = await s.hasher.hash(input.password);

  const revokedSessions = await s.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ passwordHash, updatedAt: s.clock.now() })
      .where('id', '=', user.id)
      .execute();
    await trx.deleteFrom('pendingLogins').where('userId', '=', user.id).execute();
    const revoked = input.revokeOtherSessions
      ? await deleteUserSessions(trx, user.id, currentSessionId)
      : 0;
    await enqueueMail(
      trx,
      s.clock,
      passwordChangedMail(
        user,
        appLink(s.appUrl, '/login'),
        input.revokeOtherSessions ? 'others_ended' : 'kept',
      ),
    );
    await logSecurityEvent(trx, s.clock, {
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
