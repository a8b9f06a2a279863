'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { z } from 'zod';
import { Alert } from '../Alert';
import { Button } from '../Button';
import { CheckboxField, TextField } from '../Field';
import { SignInAgain } from '../SignInAgain';
import { Loading } from '../Spinner';
import { NewPasswordField } from '../auth/PasswordField';
import { formText } from '@/lib/forms';
import { splitSignInAgain } from '@/lib/step-up';
import { trpc } from '@/lib/trpc';
import { useForm } from '@/lib/use-form';
import { useMe } from '@/lib/use-me';

// Only the copy is checked here; the server judges the current password and applies its policy.
const NewPassword = z
  .object({
    currentPassword: z.string().optional(),
    password: z.string(),
    confirm: z.string(),
    mfaCode: z.string().optional(),
    revokeOtherSessions: z.boolean(),
  })
  .refine((values) => values.password === values.confirm, { path: ['confirm'] })
  .transform(({ confirm: _confirm, ...input }) => input);

/**
 * Changes the password, after the current one (and a code when MFA is on). An account made
 * through an identity provider has none yet: then this card sets its first one, with the code
 * under MFA, else within minutes of signing in at the provider.
 */
export function ChangePasswordCard() {
  const t = useTranslations('security.changePassword');
  const me = useMe();
  const settings = trpc.serverSettings.getPublic.useQuery();
  const utils = trpc.useUtils();
  const setting = !me.hasPassword;
  // Remounts the form after a change, so no password stays in its inputs.
  const [formKey, setFormKey] = useState(0);
  // Whether the last success set a first password: the card has turned into "change" since.
  const [wasSet, setWasSet] = useState(false);
  const form = useForm({
    mutation: trpc.me.changePassword.useMutation(),
    schema: NewPassword,
    labels: { password: t('newPassword'), confirm: t('repeatPassword'), mfaCode: t('mfaCode') },
    onSuccess: async (_result, input) => {
      setFormKey((key) => key + 1);
      setWasSet(input.currentPassword === undefined);
      await Promise.all([
        // The account has a password now: every step-up asks for it from here on.
        utils.me.get.invalidate(),
        utils.me.sessions.list.invalidate(),
        utils.me.securityEvents.invalidate(),
      ]);
    },
  });
  const { signInAgain, formError } = splitSignInAgain(form);

  return (
    <section className="card" aria-labelledby="password-heading">
      <div className="card-header">
        <h2 id="password-heading">{setting ? t('setTitle') : t('title')}</h2>
        <p>
          {setting
            ? t('setLede', { passwordSignIn: String(settings.data?.passwordLoginEnabled ?? true) })
            : t('lede')}
        </p>
      </div>
      {settings.data ? (
        <form
          key={formKey}
          className="form"
          onSubmit={form.onSubmit((data) => ({
            ...(setting ? {} : { currentPassword: formText(data, 'currentPassword') }),
            password: formText(data, 'password'),
            confirm: formText(data, 'confirm'),
            mfaCode: me.mfaEnabled ? formText(data, 'mfaCode') : undefined,
            revokeOtherSessions: !setting && data.get('revokeOtherSessions') === 'on',
          }))}
          noValidate
        >
          <SignInAgain message={signInAgain} />
          {setting ? null : (
            <TextField
              label={t('currentPassword')}
              name="currentPassword"
              type="password"
              autoComplete="current-password"
              required
              error={form.fields.currentPassword}
            />
          )}
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
          {setting && !me.mfaEnabled ? <p className="hint">{t('noPassword')}</p> : null}
          {/* A first password cannot have leaked: nothing to sign other devices out for. */}
          {setting ? null : (
            <CheckboxField
              label={t('revokeOtherSessions')}
              name="revokeOtherSessions"
              hint={t('revokeOtherSessionsHint')}
            />
          )}
          {formError ? <Alert tone="error">{formError}</Alert> : null}
          {form.succeeded ? <Alert tone="success">{wasSet ? t('set') : t('changed')}</Alert> : null}
          <div className="form-actions">
            <Button type="submit" loading={form.pending}>
              {setting ? t('setSubmit') : t('submit')}
            </Button>
          </div>
        </form>
      ) : (
        <Loading />
      )}
    </section>
  );
}
