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
import { AccountFields } from './AccountFields';

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
      <AccountFields errors={errors.fields} policy={policy} accessType="admin" />
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      <Button type="submit" block loading={createAdmin.isPending}>
        Create administrator
      </Button>
    </form>
  );
}
