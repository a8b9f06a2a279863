import type { StepUp, UsersMe } from '@roster/users/schemas';
import { errorDetail } from './errors';
import { formText } from './forms';
import type { FormState } from './use-form';

/** What decides the step-up an account answers with (docs/api.md §9). */
export type StepUpAccount = Pick<UsersMe, 'hasPassword' | 'mfaEnabled'>;

/** The API names the step-up's parts `stepUp.*`; the forms' inputs are `password` and `code`. */
export const STEP_UP_RENAME = { 'stepUp.password': 'password', 'stepUp.code': 'code' } as const;

/** The step-up inputs the form shows: the password when the account has one, a code under MFA. */
export function stepUpInputs(account: StepUpAccount): ('password' | 'code')[] {
  return [
    ...(account.hasPassword ? (['password'] as const) : []),
    ...(account.mfaEnabled ? (['code'] as const) : []),
  ];
}

/**
 * The step-up as the API takes it, from the form's inputs. An account with neither a password
 * nor MFA sends `{}`: the server accepts it within minutes of a sign-in at its provider.
 */
export function readStepUp(data: FormData, account: StepUpAccount): StepUp {
  return {
    ...(account.hasPassword ? { password: formText(data, 'password') } : {}),
    ...(account.mfaEnabled ? { code: formText(data, 'code') } : {}),
  };
}

/**
 * A step-up refused because an account without a password has not signed in at its provider (or
 * with a passkey) in the last minutes: `STEP_UP_REQUIRED` with `details.part` `sign_in` and the
 * field `stepUp`, which no input shows. Such a form says it at its top, with a way to sign in
 * again (`SignInAgain`), and shows its other failures where it always does.
 */
export function splitSignInAgain(
  form: Pick<FormState, 'code' | 'error' | 'fields' | 'formError'>,
): {
  signInAgain: string | null;
  formError: string | null;
} {
  const signIn = form.code === 'STEP_UP_REQUIRED' && errorDetail(form.error, 'part') === 'sign_in';
  if (!signIn) return { signInAgain: null, formError: form.formError };
  return { signInAgain: form.fields.stepUp ?? form.formError, formError: null };
}
