'use client';

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
  .refine((values) => values.password === values.confirm, {
    path: ['confirm'],
    error: 'The two passwords are not the same.',
  })
  .transform(({ confirm: _confirm, ...input }) => input);

export function ChangePasswordCard() {
  const me = useMe();
  const settings = trpc.serverSettings.getPublic.useQuery();
  const utils = trpc.useUtils();
  // Remounts the form after a change, so no password stays in its inputs.
  const [formKey, setFormKey] = useState(0);
  const form = useForm({
    mutation: trpc.me.changePassword.useMutation(),
    schema: NewPassword,
    onSuccess: async () => {
      setFormKey((key) => key + 1);
      await utils.me.sessions.list.invalidate();
      await utils.me.securityEvents.invalidate();
    },
  });

  return (
    <section className="card" aria-labelledby="password-heading">
      <div className="card-header">
        <h2 id="password-heading">Password</h2>
        <p>Change the password you sign in with.</p>
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
            label="Current password"
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            required
            error={form.fields.currentPassword}
          />
          <NewPasswordField
            name="password"
            label="New password"
            policy={settings.data}
            accessType={me.accessType}
            required
            error={form.fields.password}
          />
          <TextField
            label="Repeat the new password"
            name="confirm"
            type="password"
            autoComplete="new-password"
            required
            error={form.fields.confirm}
          />
          {me.mfaEnabled ? (
            <TextField
              label="Authentication code"
              name="mfaCode"
              autoComplete="one-time-code"
              spellCheck={false}
              required
              hint="From your authenticator app, or a backup code."
              error={form.fields.mfaCode}
            />
          ) : null}
          <CheckboxField
            label="Sign out of every other device"
            name="revokeOtherSessions"
            hint="Recommended if you think someone else knows your password."
          />
          {form.formError ? <Alert tone="error">{form.formError}</Alert> : null}
          {form.succeeded ? <Alert tone="success">Your password was changed.</Alert> : null}
          <div className="form-actions">
            <Button type="submit" loading={form.pending}>
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
