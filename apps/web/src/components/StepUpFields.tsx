'use client';

import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { TextField } from './Field';

/** The words of the step-up inputs. */
export interface StepUpText {
  password: string;
  passwordHint: ReactNode;
  code: string;
  codeHint: ReactNode;
  noPassword?: ReactNode;
}

/** The form's labels of the step-up's parts, for the messages of `useForm`. */
export function useStepUpLabels(): Record<string, string> {
  const t = useTranslations('common.stepUp');
  return { 'stepUp.password': t('currentPassword'), 'stepUp.code': t('code') };
}

/**
 * The inputs of a step-up (proof that the owner is at the keyboard): the current password, and a
 * code from the authenticator app (or a backup code) when MFA is on. The form names them
 * `password` and `code`; the texts are the shared ones (`common.stepUp`) unless the caller gives
 * its own words.
 *
 * An account without a password (made through an identity provider) answers with the code alone,
 * or, without MFA, with a recent sign-in at its provider: then `words.noPassword` says so.
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
  text?: StepUpText;
  autoFocus?: boolean;
}) {
  const t = useTranslations('common.stepUp');
  const words = text ?? {
    password: t('currentPassword'),
    passwordHint: t('currentPasswordHint'),
    code: t('code'),
    codeHint: t('codeHint'),
    noPassword: t('noPassword'),
  };
  return (
    <>
      {hasPassword ? (
        <TextField
          label={words.password}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          autoFocus={autoFocus}
          hint={words.passwordHint}
          error={errors.password}
        />
      ) : null}
      {mfaEnabled ? (
        <TextField
          label={words.code}
          name="code"
          autoComplete="one-time-code"
          spellCheck={false}
          required
          autoFocus={autoFocus && !hasPassword}
          maxLength={32}
          hint={words.codeHint}
          error={errors.code}
        />
      ) : null}
      {!hasPassword && !mfaEnabled && words.noPassword ? (
        <p className="hint">{words.noPassword}</p>
      ) : null}
    </>
  );
}
