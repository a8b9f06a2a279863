'use client';

import { type PasswordPolicy } from '@roster/users/schemas';
import { useRouter } from 'next/navigation';
import { useState, type SubmitEvent } from 'react';
import { Alert } from '../Alert';
import { Button } from '../Button';
import { TextField } from '../Field';
import { NO_ERRORS, toFormErrors, type FormErrors } from '@/lib/errors';
import { formText } from '@/lib/forms';
import { trpc } from '@/lib/trpc';
import { NewPasswordField } from './PasswordField';

export function SetupForm({ policy }: { policy: PasswordPolicy }) {
  const router = useRouter();
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const createAdmin = trpc.setup.createAdmin.useMutation();

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setErrors(NO_ERRORS);
    try {
      await createAdmin.mutateAsync({
        code: formText(form, 'code'),
        name: formText(form, 'name'),
        username: formText(form, 'username'),
        email: formText(form, 'email'),
        password: formText(form, 'password'),
      });
      router.replace('/settings/profile');
      router.refresh();
    } catch (error) {
      setErrors(toFormErrors(error));
    }
  };

  return (
    <form className="form" onSubmit={(event) => void onSubmit(event)} noValidate>
      <TextField
        label="Setup code"
        name="code"
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        required
        placeholder="XXXX-XXXX-XXXX"
        hint="Printed in the server's log at start."
        error={errors.fields.code}
      />
      <div className="form-grid">
        <TextField
          label="Full name"
          name="name"
          autoComplete="name"
          required
          error={errors.fields.name}
          fieldClassName="span-2"
        />
        <TextField
          label="Username"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          hint="Letters, digits and dots."
          error={errors.fields.username}
        />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          error={errors.fields.email}
        />
        <NewPasswordField
          name="password"
          policy={policy}
          accessType="admin"
          required
          error={errors.fields.password}
          fieldClassName="span-2"
        />
      </div>
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      <Button type="submit" block loading={createAdmin.isPending}>
        Create administrator
      </Button>
    </form>
  );
}
