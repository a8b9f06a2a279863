'use client';

import { useState, type ReactNode, type SubmitEvent } from 'react';
import { Alert } from '../Alert';
import { Button } from '../Button';
import { TextField } from '../Field';
import { NO_ERRORS, toFormErrors, type FormErrors } from '@/lib/errors';
import { formText } from '@/lib/forms';

/**
 * One email field that asks the server to send something (a reset link, a confirmation link). The
 * answer never says whether the address has an account, so neither does the page.
 */
export function EmailRequestForm({
  submitLabel,
  pending,
  send,
  sent,
  autoFocus = false,
}: {
  submitLabel: string;
  pending: boolean;
  send: (email: string) => Promise<unknown>;
  sent: (email: string) => ReactNode;
  autoFocus?: boolean;
}) {
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [sentTo, setSentTo] = useState<string | null>(null);

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const email = formText(new FormData(event.currentTarget), 'email').trim();
    if (!email) {
      setErrors({ ...NO_ERRORS, fields: { email: 'Enter your email address.' } });
      return;
    }
    setErrors(NO_ERRORS);
    try {
      await send(email);
      setSentTo(email);
    } catch (error) {
      setErrors(toFormErrors(error));
    }
  };

  if (sentTo) return <>{sent(sentTo)}</>;
  return (
    <form className="form" onSubmit={(event) => void onSubmit(event)} noValidate>
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        autoFocus={autoFocus}
        error={errors.fields.email}
      />
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      <Button type="submit" block loading={pending}>
        {submitLabel}
      </Button>
    </form>
  );
}
