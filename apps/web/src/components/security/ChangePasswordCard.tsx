'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { z } from 'zod';
import { Alert } from '../Alert';
import { Button } from '../Button';
import { CheckboxField, TextField } from '../Field';
import { Loading } from '../Spinner';
import { NewPasswordField } from '../auth/PasswordField';
import { formText } from '@/lib/forms';
import { trpc } from '@/lib/trpc';
import { useForm } from '@/lib/use-form';
import { useMe } from '@/lib/use-me';

// Only the copy is checked here; the server judges the current password and applies its policy.
const NewPassword = z
  .object({
    currentPassword: z.string(),
    password: z.string(),
    confirm: z.string(),
    mfaCode: z.string().optional(),
    revokeOtherSessions: z.boolean(),
  })
  .refine((values) => values.password === values.confirm, { path: ['confirm'] })
  .transform(({ confirm: _confirm, ...input }) => input);

export function ChangePasswordCard() {
  const t = useTranslations('security.changePassword');
  const me = useMe();
  const settings = trpc.serverSettings.getPublic.useQuery();
  const utils = trpc.useUtils();
  // Remounts the form after a change, so no password stays in its inputs.
  const [formKey, setFormKey] = useState(0);
  const form = useForm({
    mutation: trpc.me.changePassword.useMutation(),
    schema: NewPassword,
    labels: { password: t('newPassword'), confirm: t('repeatPassword'), mfaCode: t('mfaCode') },
    onSuccess: async () => {
      setFormKey((key) => key + 1);
      await utils.me.sessions.list.invalidate();
      await utils.me.securityEvents.invalidate();
    },
  });

  return (
    <section className="card" aria-labelledby="password-heading">
      <div className="card-header">
        <h2 id="password-heading">{t('title')}</h2>
        <p>{t('lede')}</p>
      </div>
      {settings.data ? (
        <form
          key={formKey}
          className="form"
          onSubmit={form.onSubmit((data) => ({
            currentPassword: formText(data, 'currentPassword'),
            password: formText(data, 'password'),
            confirm: formText(data, 'confirm'),
            mfaCode: me.mfaEnabled ? formText(data, 'mfaCode') : undefined,
            revokeOtherSessions: data.get('revokeOtherSessions') === 'on',
          }))}
          noValidate
        >
          <TextField
            label={t('currentPassword')}
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            required
            error={form.fields.currentPassword}
          />
          <NewPasswordField
            name="password"
            label={t('newPassword')}
            policy={settings.data}
            accessType={me.accessType}
            required
            error={form.fields.password}
          />
          <TextField
            label={t('repeatPassword')}
            name="confirm"
            type="password"
            autoComplete="new-password"
            required
            error={form.fields.confirm}
          />
          {me.mfaEnabled ? (
            <TextField
              label={t('mfaCode')}
              name="mfaCode"
              autoComplete="one-time-code"
              spellCheck={false}
              required
              hint={t('mfaCodeHint')}
              error={form.fields.mfaCode}
            />
          ) : null}
          <CheckboxField
            label={t('revokeOtherSessions')}
            name="revokeOtherSessions"
            hint={t('revokeOtherSessionsHint')}
          />
          {form.formError ? <Alert tone="error">{form.formError}</Alert> : null}
          {form.succeeded ? <Alert tone="success">{t('changed')}</Alert> : null}
          <div className="form-actions">
            <Button type="submit" loading={form.pending}>
              {t('submit')}
            </Button>
          </div>
        </form>
      ) : (
        <Loading />
      )}
    </section>
  );
}
