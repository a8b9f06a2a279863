'use client';

import { type UserAccessType, UsersCreate } from '@roster/users/schemas';
import { useRouter } from 'next/navigation';
import { useState, type SubmitEvent } from 'react';
import { Alert } from '../Alert';
import { NewPasswordField } from '../auth/PasswordField';
import { Button } from '../Button';
import { CheckboxField, SelectField, TextField } from '../Field';
import { Loading } from '../Spinner';
import { Dialog } from '../Dialog';
import { ACCESS_TYPE_OPTIONS } from './options';
import { NO_ERRORS, toFormErrors, zodIssuesToFields, type FormErrors } from '@/lib/errors';
import { formText } from '@/lib/forms';
import { trpc } from '@/lib/trpc';

function CreateUserForm({ onCancel }: { onCancel: () => void }) {
  const router = useRouter();
  const utils = trpc.useUtils();
  const settings = trpc.serverSettings.get.useQuery();
  const create = trpc.admin.users.create.useMutation();
  const [accessType, setAccessType] = useState<UserAccessType>('regular');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);

  if (!settings.data) {
    return settings.error ? (
      <Alert tone="error">{toFormErrors(settings.error).form}</Alert>
    ) : (
      <Loading />
    );
  }

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      name: formText(form, 'name'),
      username: formText(form, 'username'),
      email: formText(form, 'email'),
      password: formText(form, 'password'),
      accessType,
      active: form.get('active') === 'on',
      emailVerified: form.get('emailVerified') === 'on',
    };
    const parsed = UsersCreate.safeParse(input);
    if (!parsed.success) {
      setErrors({ ...NO_ERRORS, fields: zodIssuesToFields(parsed.error.issues) });
      return;
    }
    setErrors(NO_ERRORS);
    try {
      const created = await create.mutateAsync(input);
      await utils.admin.users.invalidate();
      router.push(`/admin/users/${created.id}`);
    } catch (error) {
      setErrors(toFormErrors(error));
    }
  };

  return (
    <form className="form" onSubmit={(event) => void onSubmit(event)} noValidate>
      <div className="form-grid">
        <TextField
          label="Full name"
          name="name"
          autoComplete="off"
          // The form may appear after the dialog opened (settings still loading): focus it then.
          autoFocus
          required
          maxLength={250}
          error={errors.fields.name}
          fieldClassName="span-2"
        />
        <TextField
          label="Username"
          name="username"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          required
          maxLength={250}
          hint="Letters, digits and dots."
          error={errors.fields.username}
        />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="off"
          required
          maxLength={250}
          error={errors.fields.email}
        />
        <SelectField
          label="Access type"
          name="accessType"
          options={ACCESS_TYPE_OPTIONS}
          value={accessType}
          onChange={(event) => {
            setAccessType(event.target.value === 'admin' ? 'admin' : 'regular');
          }}
          hint="The password rules depend on it."
          error={errors.fields.accessType}
          fieldClassName="span-2"
        />
        <NewPasswordField
          name="password"
          policy={settings.data}
          accessType={accessType}
          required
          maxLength={250}
          error={errors.fields.password}
          fieldClassName="span-2"
        />
      </div>
      <CheckboxField
        label="Active"
        name="active"
        defaultChecked
        hint="They can sign in as soon as the account exists."
      />
      <CheckboxField
        label="Email verified"
        name="emailVerified"
        defaultChecked
        hint="You vouch for the address; no confirmation email is sent."
      />
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      <div className="form-actions dialog-actions">
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" loading={create.isPending}>
          Create user
        </Button>
      </div>
    </form>
  );
}

/** The "Create user" button and its dialog; a created user's page opens next. */
export function CreateUserDialog() {
  const [open, setOpen] = useState(false);
  const close = () => {
    setOpen(false);
  };
  return (
    <>
      <Button
        onClick={() => {
          setOpen(true);
        }}
      >
        Create user
      </Button>
      <Dialog open={open} onClose={close} title="Create a user">
        <CreateUserForm onCancel={close} />
      </Dialog>
    </>
  );
}
