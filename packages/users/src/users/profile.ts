import { logSecurityEvent } from '../audit/log';
import { enqueueMail } from '../mail/outbox';
import { appLink, emailChangedNoticeMail, verifyNewEmailMail } from '../mail/templates';
import type { PrivacySettingsUpdate } from '../schemas/privacy';
import type { UsersBaseUpdate, UsersMe } from '../schemas/users';
import type { RequestMeta, Services } from '../services';
import { getServerSettings } from '../settings/queries';
import { issueEmailToken } from '../tokens/email-tokens';
import { getUserMe, updatePrivacySettings } from './me';
import { editUser, getUserByIdOr404 } from './queries';

/**
 * A signed-in user edits their own profile. The schema (`UsersBaseUpdate`) already keeps account
 * state out; a taken username or email is a CONFLICT naming the field.
 *
 * A changed email is announced to the old address, so that someone who took over a session cannot
 * move the account away silently. When the server requires verified addresses, the new one is
 * unverified until its owner opens the link sent to it. The change, its token and both mails
 * commit together or not at all.
 */
export async function updateOwnProfile(
  s: Services,
  meta: RequestMeta,
  userId: number,
  patch: UsersBaseUpdate,
): Promise<UsersMe> {
  const { me, emailChanged } = await s.db.transaction().execute(async (trx) => {
    const current = await getUserByIdOr404(trx, userId);
    const newEmail =
      patch.email !== undefined && patch.email !== current.email ? patch.email : null;
    const mustVerify =
      newEmail !== null && (await getServerSettings(trx)).signupRequireEmailVerification;
    const updated = await editUser(trx, s, userId, {
      ...patch,
      ...(mustVerify ? { emailVerified: false } : {}),
    });
    if (newEmail !== null) {
      if (mustVerify) {
        const token = await issueEmailToken(trx, s.clock, userId, 'change_email', newEmail);
        await enqueueMail(
          trx,
          s.clock,
          verifyNewEmailMail(
            { name: updated.name, email: newEmail },
            appLink(s.appUrl, '/verify-email', { token }),
          ),
        );
      }
      await enqueueMail(
        trx,
        s.clock,
        emailChangedNoticeMail(
          { name: updated.name, email: current.email },
          newEmail,
          appLink(s.appUrl, '/login'),
        ),
      );
      await logSecurityEvent(trx, s.clock, {
        event: 'email_changed',
        userId,
        ...meta,
        details: { verificationRequired: mustVerify },
      });
    }
    return { me: await getUserMe(trx, userId, updated), emailChanged: newEmail !== null };
  });
  if (emailChanged) s.mailer.wake();
  return me;
}

/** A signed-in user changes their privacy settings; the answer is their whole `UsersMe`. */
export async function updateOwnPrivacy(
  s: Services,
  userId: number,
  patch: PrivacySettingsUpdate,
): Promise<UsersMe> {
  await updatePrivacySettings(s.db, userId, patch);
  return getUserMe(s.db, userId);
}
