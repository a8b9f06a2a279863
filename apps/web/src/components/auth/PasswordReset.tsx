'use client';

import type { PasswordPolicy } from '@roster/users/schemas';
import Link from 'next/link';
import { useState, type SubmitEvent } from 'react';
import { Alert } from '../Alert';
import { Button } from '../Button';
import { TextField } from '../Field';
import { EmailRequestForm } from './EmailRequestForm';
import { NewPasswordField } from './PasswordField';
import { NO_ERRORS, toFormErrors, type FormErrors } from '@/lib/errors';
import { formText } from '@/lib/forms';
import { trpc } from '@/lib/trpc';

export function ForgotPasswordForm() {
  const request = trpc.auth.requestPasswordReset.useMutation();
  return (
    <EmailRequestForm
      submitLabel="Send reset link"
      autoFocus
      pending={request.isPending}
      send={(email) => request.mutateAsync({ email })}
      sent={(email) => (
        <Alert tone="success" title="Check your email.">
          If an account uses {email}, we sent it a link to choose a new password. The link works
          once and for one hour.
        </Alert>
      )}
    />
  );
}

export function ResetPasswordForm({ token, policy }: { token: string; policy: PasswordPolicy }) {
  const reset = trpc.auth.resetPassword.useMutation();
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [done, setDone] = useState(false);

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = formText(form, 'password');
    const confirm = formText(form, 'confirm');
    if (!password) {
      setErrors({ ...NO_ERRORS, fields: { password: 'Choose a new password.' } });
      return;
    }
    if (password !== confirm) {
      setErrors({ ...NO_ERRORS, fields: { confirm: 'The two passwords are not the same.' } });
      return;
    }
    setErrors(NO_ERRORS);
    try {
      await reset.mutateAsync({ token, password });
      setDone(true);
    } catch (error) {
      setErrors(toFormErrors(error));
    }
  };

  if (done) {
    return (
      <div className="stack">
        <Alert tone="success">
          Your password was changed and every session of your account was signed out.
        </Alert>
        <Link className="button button-primary button-block" href="/login">
          Continue to sign in
        </Link>
      </div>
    );
  }
  const tokenProblem = errors.fields.token;
  return (
    <form className="form" onSubmit={(event) => void onSubmit(event)} noValidate>
      <NewPasswordField
        name="password"
        label="New password"
        policy={policy}
        required
        error={errors.fields.password}
      />
      <TextField
        label="Repeat the new password"
        name="confirm"
        type="password"
        autoComplete="new-password"
        required
        error={errors.fields.confirm}
      />
      {tokenProblem ? (
        <Alert tone="error">
          {tokenProblem} <Link href="/forgot-password">Ask for a new link</Link>.
        </Alert>
      ) : null}
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      <Button type="submit" block loading={reset.isPending}>
        Change password
      </Button>
    </form>
  );
}
