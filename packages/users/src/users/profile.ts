import { logSecurityEvent } from '../audit/log';
import { verifyStepUp } from '../auth/step-up';
import { inTransaction } from '../db/transaction';
import { emailTaken, InvalidInput } from '../errors';
import { enqueueMail } from '../mail/outbox';
import {
  appLink,
  confirmEmailChangeMail,
  emailChangedNoticeMail,
  emailChangeRequestedNoticeMail,
  verifyNewEmailMail,
} from '../mail/templates';
import type { PrivacySettingsUpdate } from '../schemas/privacy';
import type { StepUp } from '../schemas/step-up';
import type { UsersBaseUpdate, UsersMe, UsersRead } from '../schemas/users';
import type { RequestMeta, Services } from '../services';
import { getServerSettings } from '../settings/settings.repository';
import { consumeEmailToken, issueEmailToken } from '../tokens/email-tokens';
import { getUserMe, updatePrivacySettings } from './me';
import { getUserByEmail, getUserByIdOr404 } from './users.repository';
import { editUser } from './users.service';

/**
 * A signed-in user edits their own profile. The schema (`UsersBaseUpdate`) already keeps account
 * state out; a taken username is a CONFLICT naming the field. The email is not changed here: a
 * stolen session alone must not move the account to another address, so that takes
 * `changeOwnEmail` and its step-up. The current address itself is accepted and changes nothing.
 */
export async function updateOwnProfile(
  s: Services,
  userId: number,
  patch: UsersBaseUpdate,
): Promise<UsersMe> {
  return inTransaction(s, async (tx) => {
    const current = await getUserByIdOr404(tx.db, userId);
    const { email, ...rest } = patch;
    if (email !== undefined && email !== current.email) {
      throw new InvalidInput(
        'Change your email address with “Change email”: it asks for your password first.',
        'email',
        'USE_CHANGE_EMAIL',
      );
    }
    const updated = await editUser(tx, userId, rest);
    return getUserMe(tx, userId, updated);
  });
}

export interface ChangeEmailResult {
  status: 'changed' | 'confirmation_sent';
}

/**
 * Changes the caller's email address after a step-up (docs/api.md). The old address is told at once.
 * When the server requires verified addresses, a link goes to the new one and the address changes
 * only when it is opened (`confirmEmailChange`); until then mail, resets included, goes to the old
 * one. Otherwise it changes now and is unverified. Either way, links sent before the change stop
 * working when the address changes.
 */
export async function changeOwnEmail(
  s: Services,
  user: UsersRead,
  meta: RequestMeta,
  input: { email: string; stepUp: StepUp },
): Promise<ChangeEmailResult> {
  if (input.email === user.email) {
    throw new InvalidInput('This is already your email address.', 'email', 'SAME_EMAIL');
  }
  await verifyStepUp(s, user, meta, input.stepUp);
  const taken = await getUserByEmail(s.db, input.email);
  if (taken && taken.id !== user.id) throw emailTaken();
  const settings = await getServerSettings(s.db);
  const loginLink = appLink(s.appUrl, '/login');

  const status = await inTransaction(s, async (tx) => {
    if (settings.signupRequireEmailVerification) {
      const token = await issueEmailToken(tx, user.id, 'confirm_email_change', input.email);
      await enqueueMail(
        tx,
        confirmEmailChangeMail(
          { ...user, email: input.email },
          appLink(s.appUrl, '/confirm-email', { token }),
        ),
      );
      await enqueueMail(tx, emailChangeRequestedNoticeMail(user, input.email, loginLink));
      await logSecurityEvent(tx, {
        event: 'email_change_requested',
        userId: user.id,
        ...meta,
      });
      return 'confirmation_sent' as const;
    }
    await editUser(tx, user.id, { email: input.email, emailVerified: false });
    const token = await issueEmailToken(tx, user.id, 'change_email', input.email);
    await enqueueMail(
      tx,
      verifyNewEmailMail(
        { ...user, email: input.email },
        appLink(s.appUrl, '/verify-email', { token }),
      ),
    );
    await enqueueMail(tx, emailChangedNoticeMail(user, input.email, loginLink));
    await logSecurityEvent(tx, {
      event: 'email_changed',
      userId: user.id,
      ...meta,
      details: { verificationRequired: false },
    });
    return 'changed' as const;
  });
  s.mailer.wake();
  return { status };
}

/**
 * Opens the link sent to a new address: the account takes that address, verified (its owner just
 * proved it), and every link issued before stops working. CONFLICT if someone took the address
 * meanwhile; the link is then left as it was.
 */
export async function confirmEmailChange(
  s: Services,
  meta: RequestMeta,
  token: string,
): Promise<void> {
  await inTransaction(s, async (tx) => {
    const match = await consumeEmailToken(tx, token, ['confirm_email_change']);
    const taken = await getUserByEmail(tx.db, match.email);
    if (taken && taken.id !== match.userId) throw emailTaken('token');
    await editUser(tx, match.userId, { email: match.email, emailVerified: true });
    await logSecurityEvent(tx, {
      event: 'email_changed',
      userId: match.userId,
      ...meta,
      details: { verificationRequired: true },
    });
  });
}

/** A signed-in user changes their privacy settings; the answer is their whole `UsersMe`. */
export async function updateOwnPrivacy(
  s: Services,
  userId: number,
  patch: PrivacySettingsUpdate,
): Promise<UsersMe> {
  await updatePrivacySettings(s, userId, patch);
  return getUserMe(s, userId);
}
