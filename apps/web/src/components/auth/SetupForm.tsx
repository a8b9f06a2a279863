'use client';

import { type PasswordPolicy } from '@roster/users/schemas';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Alert } from '../Alert';
import { Button } from '../Button';
import { TextField } from '../Field';
import { formText } from '@/lib/forms';
import { trpc } from '@/lib/trpc';
import { useForm } from '@/lib/use-form';
import { AccountFields } from './AccountFields';

export function SetupForm({ policy }: { policy: PasswordPolicy }) {
  const t = useTranslations('auth.setup');
  const router = useRouter();
  const form = useForm({
    mutation: trpc.setup.createAdmin.useMutation(),
    labels: { code: t('code') },
    messages: { WRONG_CODE: t('wrongCode') },
    onSuccess: () => {
      router.replace('/settings/profile');
      router.refresh();
    },
  });

  return (
    <form
      className="form"
      onSubmit={form.onSubmit((data) => ({
        code: formText(data, 'code'),
        name: formText(data, 'name'),
        username: formText(data, 'username'),
        email: formText(data, 'email'),
        password: formText(data, 'password'),
      }))}
      noValidate
    >
      <TextField
        label={t('code')}
        name="code"
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        required
        placeholder={t('codePlaceholder')}
        hint={t('codeHint')}
        error={form.fields.code}
      />
      <AccountFields errors={form.fields} policy={policy} accessType="admin" />
      {form.formError ? <Alert tone="error">{form.formError}</Alert> : null}
      <Button type="submit" block loading={form.pending}>
        {t('submit')}
      </Button>
    </form>
  );
}
