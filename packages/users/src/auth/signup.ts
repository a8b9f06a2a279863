import { logSecurityEvent } from '../audit/log';
import { Forbidden } from '../errors';
import type { UsersSignup } from '../schemas/users';
import type { RequestMeta, Services } from '../services';
import { getServerSettings } from '../settings/queries';
import { takeSignupAllowance } from '../throttle/throttle';
import { createSignupUser } from '../users/queries';
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
  const user = await createSignupUser(s.db, s, input, settings, async (trx, created) => {
    if (verify) await queueSignupVerification(s, trx, created);
    // With verification on, admins hear of the sign-up once the address is confirmed.
    else if (approve) await queueApprovalNotice(s, trx, created);
    await logSecurityEvent(trx, s.clock, { event: 'signup', userId: created.id, ...meta });
  });
  s.mailer.wake();

  return {
    status: user.active ? 'active' : 'pending',
    emailVerificationRequired: verify,
    adminApprovalRequired: approve,
  };
}
