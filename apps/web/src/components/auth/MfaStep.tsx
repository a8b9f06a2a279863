'use client';

import { useTranslations } from 'next-intl';
import { z } from 'zod';
import { Alert } from '../Alert';
import { Button } from '../Button';
import { TextField } from '../Field';
import { errorDetail } from '@/lib/errors';
import { formText } from '@/lib/forms';
import { trpc } from '@/lib/trpc';
import { useForm } from '@/lib/use-form';

const Code = z.object({
  code: z.string().trim().min(1),
});

/** The second step of a sign-in: a code from the authenticator app, or a backup code. */
export function MfaStep({
  onDone,
  onRestart,
}: {
  onDone: () => Promise<void>;
  onRestart: () => void;
}) {
  const t = useTranslations('auth.mfa');
  const form = useForm({
    mutation: trpc.auth.verifyMfa.useMutation(),
    schema: Code,
    labels: { code: t('code') },
    fields: ['code'],
    onSuccess: onDone,
  });

  // The pending sign-in is over (expired, or that was the fifth wrong code): start again.
  if (form.code === 'SIGN_IN_EXPIRED' || errorDetail(form.error, 'signInEnded') === true) {
    return (
      <div className="stack">
        <Alert tone="error">{form.fields.code ?? form.formError}</Alert>
        <Button block onClick={onRestart}>
          {t('restart')}
        </Button>
      </div>
    );
  }

  return (
    <form
      className="form"
      onSubmit={form.onSubmit((data) => ({ code: formText(data, 'code') }))}
      noValidate
    >
      <p className="muted">{t('intro')}</p>
      <TextField
        label={t('code')}
        name="code"
        inputMode="text"
        autoComplete="one-time-code"
        autoCapitalize="characters"
        spellCheck={false}
        autoFocus
        required
        maxLength={32}
        hint={t('codeHint')}
        error={form.fields.code}
      />
      {form.formError ? <Alert tone="error">{form.formError}</Alert> : null}
      <Button type="submit" block loading={form.pending}>
        {t('submit')}
      </Button>
      <Button variant="ghost" block onClick={onRestart}>
        {t('otherAccount')}
      </Button>
    </form>
  );
}
