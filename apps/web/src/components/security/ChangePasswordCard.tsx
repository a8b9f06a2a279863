'use client';

import { useState, type SubmitEvent } from 'react';
import { Alert } from '../Alert';
import { Button } from '../Button';
import { CheckboxField, TextField } from '../Field';
import { Loading } from '../Spinner';
import { NewPasswordField } from '../auth/PasswordField';
import { NO_ERRORS, toFormErrors, type FormErrors } from '@/lib/errors';
import { formText } from '@/lib/forms';
import { trpc } from '@/lib/trpc';
import { useMe } from '@/lib/use-me';

export function ChangePasswordCard() {
  const me = useMe();
  const settings = trpc.serverSettings.getPublic.useQuery();
  const utils = trpc.useUtils();
  const change = trpc.me.changePassword.useMutation();
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [saved, setSaved] = useState(false);
  const [formKey, setFormKey] = useState(0);

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = formText(form, 'password');
    if (password !== formText(form, 'confirm')) {
      setErrors({ ...NO_ERRORS, fields: { confirm: 'The two passwords are not the same.' } });
      return;
    }
    setErrors(NO_ERRORS);
    setSaved(false);
    try {
      await change.mutateAsync({
        currentPassword: formText(form, 'currentPassword'),
        password,
        mfaCode: me.mfaEnabled ? formText(form, 'mfaCode') : undefined,
        revokeOtherSessions: form.get('revokeOtherSessions') === 'on',
      });
      setSaved(true);
      setFormKey((key) => key + 1);
      await utils.me.sessions.list.invalidate();
      await utils.me.securityEvents.invalidate();
    } catch (error) {
      setErrors(toFormErrors(error));
    }
  };

  return (
    <section className="card" aria-labelledby="password-heading">
      <div className="card-header">
        <h2 id="password-heading">Password</h2>
        <p>Change the password you sign in with.</p>
      </div>
      {settings.data ? (
        <form key={formKey} className="form" onSubmit={(event) => void onSubmit(event)} noValidate>
          <TextField
            label="Current password"
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            required
            error={errors.fields.currentPassword}
          />
          <NewPasswordField
            name="password"
            label="New password"
            policy={settings.data}
            accessType={me.accessType}
            required
            error={errors.fields.password}
          />
          <TextField
            label="Repeat the new password"
            name="confirm"
            type="password"
            autoComplete="new-password"
            required
            error={errors.fields.confirm}
          />
          {me.mfaEnabled ? (
            <TextField
              label="Authentication code"
              name="mfaCode"
              autoComplete="one-time-code"
              spellCheck={false}
              required
              hint="From your authenticator app, or a backup code."
              error={errors.fields.mfaCode}
            />
          ) : null}
          <CheckboxField
            label="Sign out of every other device"
            name="revokeOtherSessions"
            hint="Recommended if you think someone else knows your password."
          />
          {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
          {saved ? <Alert tone="success">Your password was changed.</Alert> : null}
          <div className="form-actions">
            <Button type="submit" loading={change.isPending}>
              Change password
            </Button>
          </div>
        </form>
      ) : (
        <Loading />
      )}
    </section>
  );
}
