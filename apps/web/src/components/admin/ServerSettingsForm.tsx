'use client';

import { type ServerSettings, ServerSettingsUpdate } from '@roster/users/schemas';
import { z } from 'zod';
import { Alert } from '../Alert';
import { Button } from '../Button';
import { CheckboxField, SelectField, TextField } from '../Field';
import { Loading } from '../Spinner';
import { errorMessage } from '@/lib/errors';
import { formText } from '@/lib/forms';
import { CURRENCY_OPTIONS, UNITS_OPTIONS } from '@/lib/profile-options';
import { trpc } from '@/lib/trpc';
import { useForm } from '@/lib/use-form';
import './server-settings-form.css';

const PASSWORD_TYPE_OPTIONS = [
  { value: 'strict', label: 'Strict: upper and lower case, a digit and a symbol' },
  { value: 'length_only', label: 'Length only: any characters' },
] as const;

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
  const utils = trpc.useUtils();
  const form = useForm({
    mutation: trpc.serverSettings.update.useMutation(),
    // Only what changed is sent (as read from the inputs), so the audit log names what was touched.
    schema: z.record(z.string(), z.unknown()).pipe(ServerSettingsUpdate),
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
          <h2 id="signup-settings-title">Sign-up</h2>
          <p>Whether people can create their own accounts, and what they must do first.</p>
        </div>
        <div className="stack">
          <CheckboxField
            label="Anyone can sign up"
            name="signupEnabled"
            defaultChecked={settings.signupEnabled}
            hint="Shows “Create an account” on the sign-in page. Off: only administrators create accounts."
          />
          <CheckboxField
            label="Require email verification"
            name="signupRequireEmailVerification"
            defaultChecked={settings.signupRequireEmailVerification}
            hint="New accounts stay inactive until the person opens the link we email them."
          />
          <CheckboxField
            label="Require administrator approval"
            name="signupRequireAdminApproval"
            defaultChecked={settings.signupRequireAdminApproval}
            hint="New accounts wait in “Pending approval” until an administrator approves them; administrators are emailed about each one."
          />
        </div>
      </section>

      <section className="card" aria-labelledby="password-settings-title">
        <div className="card-header">
          <h2 id="password-settings-title">Passwords</h2>
          <p>
            Applies to new passwords from now on (sign-up, changes, resets and ones you set);
            existing passwords keep working.
          </p>
        </div>
        <div className="form-grid">
          <SelectField
            label="Password rules"
            name="passwordType"
            options={PASSWORD_TYPE_OPTIONS}
            defaultValue={settings.passwordType}
            error={form.fields.passwordType}
            fieldClassName="span-2"
          />
          <TextField
            label="Minimum length for regular users"
            name="passwordLengthRegularUsers"
            type="number"
            inputMode="numeric"
            min={8}
            max={128}
            step={1}
            required
            defaultValue={settings.passwordLengthRegularUsers}
            suffix="characters"
            hint="8 to 128."
            error={form.fields.passwordLengthRegularUsers}
          />
          <TextField
            label="Minimum length for administrators"
            name="passwordLengthAdminUsers"
            type="number"
            inputMode="numeric"
            min={8}
            max={128}
            step={1}
            required
            defaultValue={settings.passwordLengthAdminUsers}
            suffix="characters"
            hint="8 to 128. Administrators can do more harm: ask for more."
            error={form.fields.passwordLengthAdminUsers}
          />
        </div>
      </section>

      <section className="card" aria-labelledby="defaults-settings-title">
        <div className="card-header">
          <h2 id="defaults-settings-title">Defaults</h2>
          <p>Server-wide defaults; each person can still choose their own in their profile.</p>
        </div>
        <div className="form-grid">
          <SelectField
            label="Units"
            name="units"
            options={UNITS_OPTIONS}
            defaultValue={settings.units}
            error={form.fields.units}
          />
          <SelectField
            label="Currency"
            name="currency"
            options={CURRENCY_OPTIONS}
            defaultValue={settings.currency}
            error={form.fields.currency}
          />
          <TextField
            label="Records per page"
            name="numRecordsPerPage"
            type="number"
            inputMode="numeric"
            min={1}
            max={100}
            step={1}
            required
            defaultValue={settings.numRecordsPerPage}
            hint="1 to 100. How many rows lists such as Users show at once."
            error={form.fields.numRecordsPerPage}
          />
        </div>
      </section>

      <section className="card" aria-labelledby="sharing-settings-title">
        <div className="card-header">
          <h2 id="sharing-settings-title">Public sharing</h2>
          <p>What people who are not signed in may see.</p>
        </div>
        <div className="stack">
          <CheckboxField
            label="Allow public links"
            name="publicShareableLinks"
            defaultChecked={settings.publicShareableLinks}
            hint="Lets links to shared content open without signing in."
          />
          <CheckboxField
            label="Show who shared"
            name="publicShareableLinksUserInfo"
            defaultChecked={settings.publicShareableLinksUserInfo}
            hint="With public links on, public profiles (/u/username) show name, username, city and photo. Off: those pages are not found."
          />
        </div>
      </section>

      {form.formError ? <Alert tone="error">{form.formError}</Alert> : null}
      {Object.keys(form.fields).length > 0 && !form.formError ? (
        <Alert tone="error">Some settings need correcting; see the messages above.</Alert>
      ) : null}
      {form.succeeded ? <Alert tone="success">Settings saved.</Alert> : null}
      <div className="form-actions">
        <Button type="submit" loading={form.pending}>
          Save settings
        </Button>
      </div>
    </form>
  );
}

export function ServerSettingsForm() {
  const settings = trpc.serverSettings.get.useQuery();
  if (settings.error) return <Alert tone="error">{errorMessage(settings.error)}</Alert>;
  if (!settings.data) return <Loading label="Loading settings…" />;
  return <SettingsFields settings={settings.data} />;
}
