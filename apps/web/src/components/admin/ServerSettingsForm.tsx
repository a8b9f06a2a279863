'use client';

import { type ServerSettings, ServerSettingsUpdate } from '@roster/users/schemas';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useState } from 'react';
import { z } from 'zod';
import { Alert } from '../Alert';
import { Button } from '../Button';
import { CheckboxField, SelectField, TextField } from '../Field';
import { Loading } from '../Spinner';
import { useErrorText } from '@/lib/errors';
import { formText } from '@/lib/forms';
import { CURRENCIES, UNITS } from '@/lib/profile-options';
import { trpc } from '@/lib/trpc';
import { useForm } from '@/lib/use-form';
import { PASSWORD_TYPES } from './options';
import './server-settings-form.css';

/** A whole number from a field; anything else is left for the schema to refuse with its message. */
function numberField(form: FormData, name: string): number {
  const text = formText(form, name).trim();
  return text === '' ? Number.NaN : Number(text);
}

function readForm(form: FormData): Record<keyof ServerSettings, unknown> {
  return {
    signupEnabled: form.get('signupEnabled') === 'on',
    signupRequireEmailVerification: form.get('signupRequireEmailVerification') === 'on',
    signupRequireAdminApproval: form.get('signupRequireAdminApproval') === 'on',
    passwordType: formText(form, 'passwordType'),
    passwordLengthRegularUsers: numberField(form, 'passwordLengthRegularUsers'),
    passwordLengthAdminUsers: numberField(form, 'passwordLengthAdminUsers'),
    units: formText(form, 'units'),
    currency: formText(form, 'currency'),
    numRecordsPerPage: numberField(form, 'numRecordsPerPage'),
    publicShareableLinks: form.get('publicShareableLinks') === 'on',
    publicShareableLinksUserInfo: form.get('publicShareableLinksUserInfo') === 'on',
    passwordLoginEnabled: form.get('passwordLoginEnabled') === 'on',
  };
}

/** The values that differ from the stored settings. */
function changed(
  settings: ServerSettings,
  values: Record<keyof ServerSettings, unknown>,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).filter(
      ([key, value]) => value !== settings[key as keyof ServerSettings],
    ),
  );
}

function SettingsFields({ settings }: { settings: ServerSettings }) {
  const t = useTranslations('admin.settings');
  const tOptions = useTranslations('admin.options');
  const tProfile = useTranslations('profile.options');
  const utils = trpc.useUtils();
  // Turning password sign-in off with no provider to sign in through would leave regular users
  // with passkeys only: the form says so before it is saved.
  const [passwordLogin, setPasswordLogin] = useState(settings.passwordLoginEnabled);
  const providers = trpc.admin.identityProviders.list.useQuery();
  const noProvider = providers.data?.every((provider) => !provider.enabled) ?? false;
  const form = useForm({
    mutation: trpc.serverSettings.update.useMutation(),
    // Only what changed is sent (as read from the inputs), so the audit log names what was touched.
    schema: z.record(z.string(), z.unknown()).pipe(ServerSettingsUpdate),
    labels: {
      passwordType: t('passwordType'),
      passwordLengthRegularUsers: t('lengthRegular'),
      passwordLengthAdminUsers: t('lengthAdmin'),
      passwordLoginEnabled: t('passwordLogin'),
    },
    onSuccess: async (updated) => {
      utils.serverSettings.get.setData(undefined, updated);
      await utils.serverSettings.invalidate();
    },
  });

  return (
    <form
      className="form settings-form"
      onSubmit={form.onSubmit((data) => changed(settings, readForm(data)))}
      onChange={() => {
        if (form.succeeded) form.reset();
      }}
      noValidate
    >
      <section className="card" aria-labelledby="signup-settings-title">
        <div className="card-header">
          <h2 id="signup-settings-title">{t('signupTitle')}</h2>
          <p>{t('signupDescription')}</p>
        </div>
        <div className="stack">
          <CheckboxField
            label={t('signupEnabled')}
            name="signupEnabled"
            defaultChecked={settings.signupEnabled}
            hint={t('signupEnabledHint')}
          />
          <CheckboxField
            label={t('requireVerification')}
            name="signupRequireEmailVerification"
            defaultChecked={settings.signupRequireEmailVerification}
            hint={t('requireVerificationHint')}
          />
          <CheckboxField
            label={t('requireApproval')}
            name="signupRequireAdminApproval"
            defaultChecked={settings.signupRequireAdminApproval}
            hint={t('requireApprovalHint')}
          />
        </div>
      </section>

      <section className="card" aria-labelledby="signing-in-settings-title">
        <div className="card-header">
          <h2 id="signing-in-settings-title">{t('signingInTitle')}</h2>
          <p>
            {t.rich('signingInDescription', {
              link: (chunks) => <Link href="/admin/identity-providers">{chunks}</Link>,
            })}
          </p>
        </div>
        <div className="stack">
          <CheckboxField
            label={t('passwordLogin')}
            name="passwordLoginEnabled"
            defaultChecked={settings.passwordLoginEnabled}
            onChange={(event) => {
              setPasswordLogin(event.target.checked);
            }}
            hint={t('passwordLoginHint')}
          />
          {!passwordLogin && noProvider ? (
            <Alert tone="warning">
              {t.rich('passwordLoginNoProvider', {
                link: (chunks) => <Link href="/admin/identity-providers">{chunks}</Link>,
              })}
            </Alert>
          ) : null}
        </div>
      </section>

      <section className="card" aria-labelledby="password-settings-title">
        <div className="card-header">
          <h2 id="password-settings-title">{t('passwordsTitle')}</h2>
          <p>{t('passwordsDescription')}</p>
        </div>
        <div className="form-grid">
          <SelectField
            label={t('passwordType')}
            name="passwordType"
            options={PASSWORD_TYPES.map((value) => ({
              value,
              label: tOptions(`passwordType.${value}`),
            }))}
            defaultValue={settings.passwordType}
            error={form.fields.passwordType}
            fieldClassName="span-2"
          />
          <TextField
            label={t('lengthRegular')}
            name="passwordLengthRegularUsers"
            type="number"
            inputMode="numeric"
            min={8}
            max={128}
            step={1}
            required
            defaultValue={settings.passwordLengthRegularUsers}
            suffix={t('characters')}
            hint={t('lengthRegularHint')}
            error={form.fields.passwordLengthRegularUsers}
          />
          <TextField
            label={t('lengthAdmin')}
            name="passwordLengthAdminUsers"
            type="number"
            inputMode="numeric"
            min={8}
            max={128}
            step={1}
            required
            defaultValue={settings.passwordLengthAdminUsers}
            suffix={t('characters')}
            hint={t('lengthAdminHint')}
            error={form.fields.passwordLengthAdminUsers}
          />
        </div>
      </section>

      <section className="card" aria-labelledby="defaults-settings-title">
        <div className="card-header">
          <h2 id="defaults-settings-title">{t('defaultsTitle')}</h2>
          <p>{t('defaultsDescription')}</p>
        </div>
        <div className="form-grid">
          <SelectField
            label={t('units')}
            name="units"
            options={UNITS.map((value) => ({ value, label: tProfile(`units.${value}`) }))}
            defaultValue={settings.units}
            error={form.fields.units}
          />
          <SelectField
            label={t('currency')}
            name="currency"
            options={CURRENCIES.map((value) => ({ value, label: tProfile(`currency.${value}`) }))}
            defaultValue={settings.currency}
            error={form.fields.currency}
          />
          <TextField
            label={t('recordsPerPage')}
            name="numRecordsPerPage"
            type="number"
            inputMode="numeric"
            min={1}
            max={100}
            step={1}
            required
            defaultValue={settings.numRecordsPerPage}
            hint={t('recordsPerPageHint')}
            error={form.fields.numRecordsPerPage}
          />
        </div>
      </section>

      <section className="card" aria-labelledby="sharing-settings-title">
        <div className="card-header">
          <h2 id="sharing-settings-title">{t('sharingTitle')}</h2>
          <p>{t('sharingDescription')}</p>
        </div>
        <div className="stack">
          <CheckboxField
            label={t('publicLinks')}
            name="publicShareableLinks"
            defaultChecked={settings.publicShareableLinks}
            hint={t('publicLinksHint')}
          />
          <CheckboxField
            label={t('showSharer')}
            name="publicShareableLinksUserInfo"
            defaultChecked={settings.publicShareableLinksUserInfo}
            hint={t('showSharerHint')}
          />
        </div>
      </section>

      {form.formError ? <Alert tone="error">{form.formError}</Alert> : null}
      {Object.keys(form.fields).length > 0 && !form.formError ? (
        <Alert tone="error">{t('needsCorrecting')}</Alert>
      ) : null}
      {form.succeeded ? <Alert tone="success">{t('saved')}</Alert> : null}
      <div className="form-actions">
        <Button type="submit" loading={form.pending}>
          {t('submit')}
        </Button>
      </div>
    </form>
  );
}

export function ServerSettingsForm() {
  const t = useTranslations('admin.settingsPage');
  const errorText = useErrorText();
  const settings = trpc.serverSettings.get.useQuery();
  if (settings.error) return <Alert tone="error">{errorText.message(settings.error)}</Alert>;
  if (!settings.data) return <Loading label={t('loading')} />;
  return <SettingsFields settings={settings.data} />;
}
