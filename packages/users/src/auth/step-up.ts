import { logSecurityEvent } from '../audit/log';
import { MINUTE } from '../clock';
import { StepUpFailed, StepUpRequired, UserNotFound } from '../errors';
import { useSecondFactor } from '../mfa/second-factor';
import type { StepUp } from '../schemas/step-up';
import type { RequestMeta, Services } from '../services';
import { getStepUpState } from '../users/users.repository';
import { accountKeyFor } from '../throttle/limits';
import { releaseReservation } from '../throttle/throttle';
import { judge, reserveAttempt } from './attempts';

export interface StepUpAccount {
  id: number;
  username: string;
}

/** Which input fields carry the two parts, so an error lands next to the right one. */
export interface StepUpFields {
  password: string;
  code: string;
}

const STEP_UP_FIELDS: StepUpFields = { password: 'stepUp.password', code: 'stepUp.code' };

/**
 * Proof that the owner is at the keyboard, not only a session cookie (docs/api.md): the current
 * password, and a TOTP or backup code as well when MFA is on. A missing part is refused before
 * anything is judged (STEP_UP_REQUIRED, counted as nothing); a wrong one is STEP_UP_FAILED and
 * counts as a failed sign-in on the account, under the same reservations as a sign-in.
 */
export async function verifyStepUp(
  s: Services,
  account: StepUpAccount,
  meta: RequestMeta,
  stepUp: StepUp,
  fields: StepUpFields = STEP_UP_FIELDS,
): Promise<void> {
  const row = await getStepUpState(s.db, account.id);
  if (!row) throw new UserNotFound();
  const password = stepUp.password ?? '';
  const code = stepUp.code?.trim() ?? '';
  // Accounts without a password arrive through an identity provider: a code proves them when MFA
  // is on, else a sign-in of this very session through the provider (or a passkey), recent enough.
  if (row.passwordHash === null) {
    if (row.mfaEnabled) {
      if (!code) throw new StepUpRequired('code', fields.code);
      await confirmSecondFactor(s, account, meta, code, fields.code);
      return;
    }
    if (!signedInRecently(meta, s.clock.now())) throw new StepUpRequired('sign_in', 'stepUp');
    return;
  }
  if (!password) throw new StepUpRequired('password', fields.password);
  if (row.mfaEnabled && !code) throw new StepUpRequired('code', fields.code);
  await confirmPassword(s, account, meta, password, row.passwordHash, fields.password);
  if (row.mfaEnabled) await confirmSecondFactor(s, account, meta, code, fields.code);
}

/** How recent a sign-in without a password must be to stand for a step-up. */
export const RECENT_SIGN_IN_MS = 10 * MINUTE;

function signedInRecently(meta: RequestMeta, now: number): boolean {
  const signedIn = meta.signedIn;
  return (
    signedIn !== undefined &&
    signedIn.method !== 'password' &&
    now - signedIn.at <= RECENT_SIGN_IN_MS
  );
}

const keysFor = (account: StepUpAccount, meta: RequestMeta) => ({
  account: accountKeyFor(account.id, account.username),
  ip: meta.ip,
});

async function confirmPassword(
  s: Services,
  account: StepUpAccount,
  meta: RequestMeta,
  password: string,
  passwordHash: string,
  field: string,
): Promise<void> {
  const reservation = await reserveAttempt(s, meta, keysFor(account, meta), account.id);
  const ok = await judge(s, reservation, () => s.hasher.verify(password, passwordHash));
  if (!ok) {
    await logSecurityEvent(s, { event: 'step_up_failed', userId: account.id, ...meta });
    throw new StepUpFailed(field, 'Your password is not right.');
  }
  await releaseReservation(s, reservation);
}

/** A TOTP or backup code of the signed-in user, used up when right; wrong codes count. */
export async function confirmSecondFactor(
  s: Services,
  account: StepUpAccount,
  meta: RequestMeta,
  code: string,
  field: string,
): Promise<void> {
  const reservation = await reserveAttempt(s, meta, keysFor(account, meta), account.id);
  const used = await judge(s, reservation, () => useSecondFactor(s, account.id, code));
  if (!used) {
    await logSecurityEvent(s, { event: 'step_up_failed', userId: account.id, ...meta });
    throw new StepUpFailed(field);
  }
  await releaseReservation(s, reservation);
  if (used === 'backup_code') {
    await logSecurityEvent(s, {
      event: 'mfa_backup_code_used',
      userId: account.id,
      ...meta,
    });
  }
}
