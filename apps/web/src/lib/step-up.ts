import type { StepUp, UsersMe } from '@roster/users/schemas';
import { formText } from './forms';

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
