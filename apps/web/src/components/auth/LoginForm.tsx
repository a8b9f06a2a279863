'use client';

import Link from 'next/link';
import { safeNextPath } from '@roster/users/schemas';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { z } from 'zod';
import { Alert } from '../Alert';
import { Button } from '../Button';
import { TextField } from '../Field';
import { formText } from '@/lib/forms';
import { trpc } from '@/lib/trpc';
import { useForm } from '@/lib/use-form';
import { MfaStep } from './MfaStep';

// Only "is there anything": the form's labels name the fields in the messages.
const SignIn = z.object({
  username: z.string().trim().min(1),
  password: z.string().min(1),
});

export function LoginForm({ next }: { next: string }) {
  const t = useTranslations('auth.login');
  const router = useRouter();
  const utils = trpc.useUtils();
  const [mfa, setMfa] = useState(false);

  const finish = async () => {
    await utils.invalidate();
    router.replace(safeNextPath(next));
    router.refresh();
  };

  const form = useForm({
    mutation: trpc.auth.login.useMutation(),
    schema: SignIn,
    labels: { username: t('usernameOrEmail') },
    onSuccess: async (result) => {
      if (result.status === 'mfa_required') setMfa(true);
      else await finish();
    },
  });

  if (mfa) {
    return (
      <MfaStep
        onDone={finish}
        onRestart={() => {
          setMfa(false);
        }}
      />
    );
  }

  return (
    <form
      className="form"
      onSubmit={form.onSubmit((data) => ({
        username: formText(data, 'username'),
        password: formText(data, 'password'),
      }))}
      noValidate
    >
      <TextField
        label={t('usernameOrEmail')}
        name="username"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        required
        autoFocus
        error={form.fields.username}
      />
      <TextField
        label={t('password')}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        error={form.fields.password}
        hint={<Link href="/forgot-password">{t('forgotPassword')}</Link>}
      />
      {form.formError ? <Alert tone="error">{form.formError}</Alert> : null}
      <Button type="submit" block loading={form.pending}>
        {t('submit')}
      </Button>
    </form>
  );
}
