'use client';

import type { ReactNode } from 'react';
import { TextField } from './Field';

/**
 * The inputs of a step-up (proof that the owner is at the keyboard): the current password, and a
 * code from the authenticator app (or a backup code) when MFA is on. The form names them
 * `password` and `code`; the texts are the caller's, in its own words.
 *
 * An account without a password (made through an identity provider) answers with the code alone,
 * or, without MFA, with a recent sign-in at its provider: then `text.noPassword` says so.
 */
export function StepUpFields({
  mfaEnabled,
  hasPassword = true,
  errors,
  text,
  autoFocus = false,
}: {
  mfaEnabled: boolean;
  hasPassword?: boolean;
  errors: { password?: string | undefined; code?: string | undefined };
  text: {
    password: string;
    passwordHint: ReactNode;
    code: string;
    codeHint: ReactNode;
    noPassword?: ReactNode;
  };
  autoFocus?: boolean;
}) {
  return (
    <>
      {hasPassword ? (
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
      ) : null}
      {mfaEnabled ? (
        <TextField
          label={text.code}
          name="code"
          autoComplete="one-time-code"
          spellCheck={false}
          required
          autoFocus={autoFocus && !hasPassword}
          maxLength={32}
          hint={text.codeHint}
          error={errors.code}
        />
      ) : null}
      {!hasPassword && !mfaEnabled && text.noPassword ? (
        <p className="hint">{text.noPassword}</p>
      ) : null}
    </>
  );
}
