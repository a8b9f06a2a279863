'use client';

import type { PasswordPolicy } from '@roster/users/schemas';
import Link from 'next/link';
import { z } from 'zod';
import { Alert } from '../Alert';
import { Button } from '../Button';
import { TextField } from '../Field';
import { EmailRequestForm } from './EmailRequestForm';
import { NewPasswordField } from './PasswordField';
import { formText } from '@/lib/forms';
import { trpc } from '@/lib/trpc';
import { useForm } from '@/lib/use-form';

/** The link's token and a new password typed twice; the server applies its policy to it. */
const NewPassword = z
  .object({
    token: z.string(),
    password: z.string().min(1, { error: 'Choose a new password.' }),
    confirm: z.string(),
  })
  // An empty password already has its message; a second one about the copy would only add noise.
  .refine((values) => values.password === '' || values.password === values.confirm, {
    path: ['confirm'],
    error: 'The two passwords are not the same.',
  })
  .transform(({ confirm: _confirm, ...input }) => input);

export function ForgotPasswordForm() {
  return (
    <EmailRequestForm
      submitLabel="Send reset link"
      autoFocus
      mutation={trpc.auth.requestPasswordReset.useMutation()}
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
  const form = useForm({
    mutation: trpc.auth.resetPassword.useMutation(),
    schema: NewPassword,
    fields: ['password', 'confirm', 'token'],
  });

  if (form.succeeded) {
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
  const tokenProblem = form.fields.token;
  return (
    <form
      className="form"
      onSubmit={form.onSubmit((data) => ({
        token,
        password: formText(data, 'password'),
        confirm: formText(data, 'confirm'),
      }))}
      noValidate
    >
      <NewPasswordField
        name="password"
        label="New password"
        policy={policy}
        required
        error={form.fields.password}
      />
      <TextField
        label="Repeat the new password"
        name="confirm"
        type="password"
        autoComplete="new-password"
        required
        error={form.fields.confirm}
      />
      {tokenProblem ? (
        <Alert tone="error">
          {tokenProblem} <Link href="/forgot-password">Ask for a new link</Link>.
        </Alert>
      ) : null}
      {form.formError ? <Alert tone="error">{form.formError}</Alert> : null}
      <Button type="submit" block loading={form.pending}>
        Change password
      </Button>
    </form>
  );
}
