import { logSecurityEvent } from '../audit/log';
import { Forbidden } from '../errors';
import type { UsersSignup } from '../schemas/users';
import type { RequestMeta, Services } from '../services';
import { getServerSettings } from '../settings/settings.repository';
import { takeSignupAllowance } from '../throttle/throttle';
import { createSignupUser } from '../users/users.service';
import { queueApprovalNotice, queueSignupVerification } from './notify';

export interface SignupResult {
  status: 'active' | 'pending';
  emailVerificationRequired: boolean;
  adminApprovalRequired: boolean;
}

/**
 * A person signs up. The account, its default rows and its emails (verification link, or the notice
 * to admins) are written in one transaction; the emails go out after commit.
 */
export async function signUp(
  s: Services,
  meta: RequestMeta,
  input: UsersSignup,
): Promise<SignupResult> {
  const settings = await getServerSettings(s.db);
  if (!settings.signupEnabled) {
    throw new Forbidden('Sign-up is disabled on this server.', 'SIGNUP_DISABLED');
  }
  await takeSignupAllowance(s, meta.ip);

  const verify = settings.signupRequireEmailVerification;
  const approve = settings.signupRequireAdminApproval;
  const profile = { ...input, preferredLanguage: input.preferredLanguage ?? meta.language };
  const user = await createSignupUser(s, profile, settings, async (tx, created) => {
    if (verify) await queueSignupVerification(tx, created);
    // With verification on, admins hear of the sign-up once the address is confirmed.
    else if (approve) await queueApprovalNotice(tx, created);
    await logSecurityEvent(tx, { event: 'signup', userId: created.id, ...meta });
  });
  s.mailer.wake();

  return {
    status: user.active ? 'active' : 'pending',
    emailVerificationRequired: verify,
    adminApprovalRequired: approve,
  };
}
