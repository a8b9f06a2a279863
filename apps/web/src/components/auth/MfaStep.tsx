'use client';

import { useState, type SubmitEvent } from 'react';
import { Alert } from '../Alert';
import { Button } from '../Button';
import { TextField } from '../Field';
import { errorDetail, NO_ERRORS, rosterCode, toFormErrors, type FormErrors } from '@/lib/errors';
import { formText } from '@/lib/forms';
import { trpc } from '@/lib/trpc';

/** The second step of a sign-in: a code from the authenticator app, or a backup code. */
export function MfaStep({
  onDone,
  onRestart,
}: {
  onDone: () => Promise<void>;
  onRestart: () => void;
}) {
  const verify = trpc.auth.verifyMfa.useMutation();
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [ended, setEnded] = useState<string | null>(null);

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const code = formText(new FormData(event.currentTarget), 'code').trim();
    if (!code) {
      setErrors({ ...NO_ERRORS, fields: { code: 'Enter the code from your authenticator app.' } });
      return;
    }
    setErrors(NO_ERRORS);
    try {
      await verify.mutateAsync({ code });
      await onDone();
    } catch (error) {
      const problems = toFormErrors(error);
      const code = rosterCode(error);
      // The pending sign-in is over (expired, or that was the fifth wrong code): start again.
      const ended = code === 'SIGN_IN_EXPIRED' || errorDetail(error, 'signInEnded') === true;
      if (ended) {
        setEnded(problems.fields.code ?? problems.form ?? '');
      } else {
        setErrors(problems);
      }
    }
  };

  if (ended) {
    return (
      <div className="stack">
        <Alert tone="error">{ended}</Alert>
        <Button block onClick={onRestart}>
          Back to sign in
        </Button>
      </div>
    );
  }

  return (
    <form className="form" onSubmit={(event) => void onSubmit(event)} noValidate>
      <p className="muted">Two-factor authentication is on for this account.</p>
      <TextField
        label="Authentication code"
        name="code"
        inputMode="text"
        autoComplete="one-time-code"
        autoCapitalize="characters"
        spellCheck={false}
        autoFocus
        required
        maxLength={32}
        hint="The 6-digit code from your authenticator app, or one of your backup codes."
        error={errors.fields.code}
      />
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      <Button type="submit" block loading={verify.isPending}>
        Verify
      </Button>
      <Button variant="ghost" block onClick={onRestart}>
        Use another account
      </Button>
    </form>
  );
}
