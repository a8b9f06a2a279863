'use client';

import type { PasswordPolicy } from '@roster/users/schemas';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
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
    password: z.string().min(1),
    confirm: z.string(),
  })
  // An empty password already has its message; a second one about the copy would only add noise.
  .refine((values) => values.password === '' || values.password === values.confirm, {
    path: ['confirm'],
  })
  .transform(({ confirm: _confirm, ...input }) => input);

export function ForgotPasswordForm() {
  const t = useTranslations('auth.forgotPassword');
  return (
    <EmailRequestForm
      submitLabel={t('submit')}
      autoFocus
      mutation={trpc.auth.requestPasswordReset.useMutation()}
      sent={(email) => (
        <Alert tone="success" title={t('sentTitle')}>
          {t('sent', { email })}
        </Alert>
      )}
    />
  );
}

export function ResetPasswordForm({ token, policy }: { token: string; policy: PasswordPolicy }) {
  const t = useTranslations('auth.resetPassword');
  const form = useForm({
    mutation: trpc.auth.resetPassword.useMutation(),
    schema: NewPassword,
    fields: ['password', 'confirm', 'token'],
    labels: { password: t('newPassword') },
  });

  if (form.succeeded) {
    return (
      <div className="stack">
        <Alert tone="success">{t('done')}</Alert>
        <Link className="button button-primary button-block" href="/login">
          {t('continue')}
        </Link>
      </div>
    );
  }
  const tokenProblem = form.fields.token;
  // Only the browser's check of the copy is about this input (the server never sees it).
  const confirmProblem = form.fields.confirm ? t('mismatch') : undefined;
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
        label={t('newPassword')}
        policy={policy}
        required
        error={form.fields.password}
      />
      <TextField
        label={t('repeat')}
        name="confirm"
        type="password"
        autoComplete="new-password"
        required
        error={confirmProblem}
      />
      {tokenProblem ? (
        <Alert tone="error">
          {t.rich('tokenProblem', {
            problem: tokenProblem,
            link: (chunks) => <Link href="/forgot-password">{chunks}</Link>,
          })}
        </Alert>
      ) : null}
      {form.formError ? <Alert tone="error">{form.formError}</Alert> : null}
      <Button type="submit" block loading={form.pending}>
        {t('submit')}
      </Button>
    </form>
  );
}
