'use client';

import { UsersAdminUpdate, type UsersRead } from '@roster/users/schemas';
import { useRouter } from 'next/navigation';
import { useState, type SubmitEvent } from 'react';
import { Alert } from '../Alert';
import { Button } from '../Button';
import { CheckboxField, SelectField, TextField } from '../Field';
import {
  ACCESS_TYPE_OPTIONS,
  CURRENCY_OPTIONS,
  GENDER_OPTIONS,
  LANGUAGE_OPTIONS,
  UNITS_OPTIONS,
  WEEKDAY_OPTIONS,
} from './options';
import { useSignedOutRedirect } from './use-signed-out-redirect';
import { NO_ERRORS, toFormErrors, zodIssuesToFields, type FormErrors } from '@/lib/errors';
import { formText } from '@/lib/forms';
import { trpc } from '@/lib/trpc';

type Editable = Omit<UsersRead, 'id' | 'photoPath' | 'mfaEnabled' | 'externalAuthCount'>;

/** An optional whole number from a field: empty is null, anything else must parse. */
function optionalNumber(value: string): number | null {
  return value.trim() === '' ? null : Number(value);
}

function readForm(form: FormData): Record<keyof Editable, unknown> {
  return {
    name: formText(form, 'name'),
    username: formText(form, 'username'),
    email: formText(form, 'email'),
    city: formText(form, 'city').trim() || null,
    birthdate: formText(form, 'birthdate') || null,
    preferredLanguage: formText(form, 'preferredLanguage'),
    gender: formText(form, 'gender'),
    units: formText(form, 'units'),
    height: optionalNumber(formText(form, 'height')),
    maxHeartRate: optionalNumber(formText(form, 'maxHeartRate')),
    firstDayOfWeek: formText(form, 'firstDayOfWeek'),
    currency: formText(form, 'currency'),
    accessType: formText(form, 'accessType'),
    active: form.get('active') === 'on',
    emailVerified: form.get('emailVerified') === 'on',
    pendingAdminApproval: form.get('pendingAdminApproval') === 'on',
  };
}

/** Only what changed is sent: the audit log then names exactly the fields an admin touched. */
function changedFields(user: UsersRead, values: Record<keyof Editable, unknown>) {
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value !== user[key as keyof Editable]) patch[key] = value;
  }
  return patch;
}

export function UserProfileForm({ user, isMe }: { user: UsersRead; isMe: boolean }) {
  const router = useRouter();
  const utils = trpc.useUtils();
  const signedOut = useSignedOutRedirect();
  const update = trpc.admin.users.update.useMutation();
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [saved, setSaved] = useState<string | null>(null);
  // Remounts the fields after a save, so they show what the server stored (lowercased, trimmed).
  const [version, setVersion] = useState(0);

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(null);
    const patch = changedFields(user, readForm(new FormData(event.currentTarget)));
    if (Object.keys(patch).length === 0) {
      setErrors(NO_ERRORS);
      setSaved('Nothing has changed.');
      return;
    }
    const parsed = UsersAdminUpdate.safeParse(patch);
    if (!parsed.success) {
      setErrors({ ...NO_ERRORS, fields: zodIssuesToFields(parsed.error.issues) });
      return;
    }
    setErrors(NO_ERRORS);
    try {
      const updated = await update.mutateAsync({ id: user.id, ...parsed.data });
      // An admin who switched themself off has no session left; one who stepped down keeps
      // the session but not these pages.
      if (isMe && !updated.active) {
        signedOut();
        return;
      }
      if (isMe && updated.accessType !== 'admin') {
        await utils.me.get.invalidate();
        router.replace('/settings/profile');
        router.refresh();
        return;
      }
      utils.admin.users.get.setData({ id: user.id }, updated);
      await utils.admin.users.invalidate();
      setVersion((current) => current + 1);
      setSaved(
        updated.active || !user.active
          ? 'Changes saved.'
          : 'Changes saved. The account is disabled and was signed out everywhere.',
      );
    } catch (error) {
      setErrors(toFormErrors(error));
    }
  };

  return (
    <section className="card" aria-labelledby="profile-title">
      <div className="card-header">
        <h2 id="profile-title">Account and profile</h2>
        <p>Every field of the account. Only what you change is saved.</p>
      </div>
      <form
        key={version}
        className="form"
        onSubmit={(event) => void onSubmit(event)}
        noValidate
        aria-labelledby="profile-title"
      >
        <fieldset className="fieldset">
          <legend>Access</legend>
          <div className="form-grid">
            <SelectField
              label="Access type"
              name="accessType"
              options={ACCESS_TYPE_OPTIONS}
              defaultValue={user.accessType}
              error={errors.fields.accessType}
              hint="Administrators manage users and server settings."
            />
          </div>
          <CheckboxField
            label="Active"
            name="active"
            defaultChecked={user.active}
            hint="Can sign in. Turning this off signs them out everywhere at once."
          />
          <CheckboxField
            label="Email verified"
            name="emailVerified"
            defaultChecked={user.emailVerified}
            hint="Their address is confirmed. Tick it to vouch for the address yourself."
          />
          <CheckboxField
            label="Pending approval"
            name="pendingAdminApproval"
            defaultChecked={user.pendingAdminApproval}
            hint="Waiting for an administrator. Approving (above) also activates the account."
          />
        </fieldset>
        <fieldset className="fieldset">
          <legend>Identity</legend>
          <div className="form-grid">
            <TextField
              label="Full name"
              name="name"
              defaultValue={user.name}
              required
              maxLength={250}
              autoComplete="off"
              error={errors.fields.name}
              fieldClassName="span-2"
            />
            <TextField
              label="Username"
              name="username"
              defaultValue={user.username}
              required
              maxLength={250}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              hint="Letters, digits and dots."
              error={errors.fields.username}
            />
            <TextField
              label="Email"
              name="email"
              type="email"
              defaultValue={user.email}
              required
              maxLength={250}
              autoComplete="off"
              error={errors.fields.email}
            />
          </div>
        </fieldset>
        <fieldset className="fieldset">
          <legend>Profile</legend>
          <div className="form-grid">
            <TextField
              label="City"
              name="city"
              defaultValue={user.city ?? ''}
              optional
              maxLength={250}
              autoComplete="off"
              error={errors.fields.city}
            />
            <TextField
              label="Birth date"
              name="birthdate"
              type="date"
              defaultValue={user.birthdate ?? ''}
              optional
              error={errors.fields.birthdate}
            />
            <SelectField
              label="Gender"
              name="gender"
              options={GENDER_OPTIONS}
              defaultValue={user.gender}
              error={errors.fields.gender}
            />
            <SelectField
              label="Language"
              name="preferredLanguage"
              options={LANGUAGE_OPTIONS}
              defaultValue={user.preferredLanguage}
              error={errors.fields.preferredLanguage}
            />
            <TextField
              label="Height"
              name="height"
              type="number"
              inputMode="numeric"
              min={1}
              max={300}
              step={1}
              defaultValue={user.height ?? ''}
              optional
              suffix="cm"
              error={errors.fields.height}
            />
            <TextField
              label="Maximum heart rate"
              name="maxHeartRate"
              type="number"
              inputMode="numeric"
              min={30}
              max={250}
              step={1}
              defaultValue={user.maxHeartRate ?? ''}
              optional
              suffix="bpm"
              error={errors.fields.maxHeartRate}
            />
            <SelectField
              label="Units"
              name="units"
              options={UNITS_OPTIONS}
              defaultValue={user.units}
              error={errors.fields.units}
            />
            <SelectField
              label="Currency"
              name="currency"
              options={CURRENCY_OPTIONS}
              defaultValue={user.currency}
              error={errors.fields.currency}
            />
            <SelectField
              label="First day of the week"
              name="firstDayOfWeek"
              options={WEEKDAY_OPTIONS}
              defaultValue={user.firstDayOfWeek}
              error={errors.fields.firstDayOfWeek}
            />
          </div>
        </fieldset>
        {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
        {saved ? <Alert tone="success">{saved}</Alert> : null}
        <div className="form-actions">
          <Button type="submit" loading={update.isPending}>
            Save changes
          </Button>
        </div>
      </form>
    </section>
  );
}
