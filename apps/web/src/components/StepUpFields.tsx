'use client';

import type { ReactNode } from 'react';
import { TextField } from './Field';

/**
 * The inputs of a step-up (proof that the owner is at the keyboard): the current password, and a
 * code from the authenticator app (or a backup code) when MFA is on. The form names them
 * `password` and `code`; the texts are the caller's, in its own words.
 */
export function StepUpFields({
  mfaEnabled,
  errors,
  text,
  autoFocus = false,
}: {
  mfaEnabled: boolean;
  errors: { password?: string | undefined; code?: string | undefined };
  text: { password: string; passwordHint: ReactNode; code: string; codeHint: ReactNode };
  autoFocus?: boolean;
}) {
  return (
    <>
      <TextField
        label={text.password}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        autoFocus={autoFocus}
        hint={text.passwordHint}
        error={errors.password}
      />
      {mfaEnabled ? (
        <TextField
          label={text.code}
          name="code"
          autoComplete="one-time-code"
          spellCheck={false}
          required
          maxLength={32}
          hint={text.codeHint}
          error={errors.code}
        />
      ) : null}
    </>
  );
}
