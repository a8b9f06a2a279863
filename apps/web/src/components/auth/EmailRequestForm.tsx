'use client';

import { useTranslations } from 'next-intl';
import { useState, type ReactNode } from 'react';
import { z } from 'zod';
import { Alert } from '../Alert';
import { Button } from '../Button';
import { TextField } from '../Field';
import { formText } from '@/lib/forms';
import { type FormMutation, useForm } from '@/lib/use-form';

// Only "is there anything": the server judges the address and answers the same either way.
const EmailRequest = z.object({
  email: z.string().trim().min(1),
});

/**
 * One email field that asks the server to send something (a reset link, a confirmation link). The
 * answer never says whether the address has an account, so neither does the page.
 */
export function EmailRequestForm({
  submitLabel,
  mutation,
  sent,
  autoFocus = false,
}: {
  submitLabel: string;
  mutation: FormMutation<{ email: string }, unknown>;
  sent: (email: string) => ReactNode;
  autoFocus?: boolean;
}) {
  const t = useTranslations('auth.emailRequest');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useForm({
    mutation,
    schema: EmailRequest,
    fields: ['email'],
    onSuccess: (_result, input) => {
      setSentTo(input.email);
    },
  });

  if (sentTo) return <>{sent(sentTo)}</>;
  return (
    <form
      className="form"
      onSubmit={form.onSubmit((data) => ({ email: formText(data, 'email') }))}
      noValidate
    >
      <TextField
        label={t('email')}
        name="email"
        type="email"
        autoComplete="email"
        required
        autoFocus={autoFocus}
        error={form.fields.email}
      />
      {form.formError ? <Alert tone="error">{form.formError}</Alert> : null}
      <Button type="submit" block loading={form.pending}>
        {submitLabel}
      </Button>
    </form>
  );
}
