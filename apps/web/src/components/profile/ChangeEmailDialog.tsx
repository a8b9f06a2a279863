'use client';

import { Email } from '@roster/users/schemas';
import { useState, type SubmitEvent } from 'react';
import { Alert } from '../Alert';
import { Button } from '../Button';
import { Dialog } from '../Dialog';
import { TextField } from '../Field';
import { NO_ERRORS, toFormErrors, type FormErrors } from '@/lib/errors';
import { formText } from '@/lib/forms';
import { trpc } from '@/lib/trpc';
import { useMe } from '@/lib/use-me';

export type EmailChangeOutcome = { status: 'changed' | 'confirmation_sent'; email: string };

/**
 * Changing the address needs the current password (and a code when MFA is on): a session cookie
 * alone must not be enough to move the account elsewhere.
 */
export function ChangeEmailDialog({
  open,
  onClose,
  onChanged,
}: {
  open: boolean;
  onClose: () => void;
  onChanged: (outcome: EmailChangeOutcome) => void;
}) {
  const me = useMe();
  const utils = trpc.useUtils();
  const change = trpc.me.changeEmail.useMutation();
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);

  const close = () => {
    setErrors(NO_ERRORS);
    onClose();
  };

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = Email.safeParse(formText(form, 'email'));
    if (!email.success) {
      setErrors({ ...NO_ERRORS, fields: { email: email.error.issues[0]?.message ?? '' } });
      return;
    }
    setErrors(NO_ERRORS);
    try {
      const result = await change.mutateAsync({
        email: email.data,
        stepUp: {
          password: formText(form, 'password'),
          ...(me.mfaEnabled ? { code: formText(form, 'code') } : {}),
        },
      });
      await utils.me.get.invalidate();
      await utils.me.securityEvents.invalidate();
      onChanged({ status: result.status, email: email.data });
      close();
    } catch (error) {
      const problems = toFormErrors(error);
      const { 'stepUp.password': password, 'stepUp.code': code, ...rest } = problems.fields;
      setErrors({
        ...problems,
        fields: {
          ...rest,
          ...(password ? { password } : {}),
          ...(code ? { code } : {}),
        },
      });
    }
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      title="Change your email address"
      description="We tell your current address about the change. If this server asks for confirmed addresses, the new one is used once you open the link we send to it."
    >
      <form className="form" onSubmit={(event) => void onSubmit(event)} noValidate>
        <TextField
          label="New email address"
          name="email"
          type="email"
          autoComplete="email"
          required
          maxLength={250}
          autoFocus
          error={errors.fields.email}
        />
        <TextField
          label="Current password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          hint="To confirm it is you."
          error={errors.fields.password}
        />
        {me.mfaEnabled ? (
          <TextField
            label="Authentication code"
            name="code"
            autoComplete="one-time-code"
            spellCheck={false}
            required
            maxLength={32}
            hint="From your authenticator app, or a backup code."
            error={errors.fields.code}
          />
        ) : null}
        {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
        <div className="form-actions dialog-actions">
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" loading={change.isPending}>
            Change email
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
