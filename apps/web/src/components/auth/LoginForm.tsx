'use client';

import Link from 'next/link';
import { safeNextPath } from '@roster/users/schemas';
import { useRouter } from 'next/navigation';
import { useState, type SubmitEvent } from 'react';
import { Alert } from '../Alert';
import { Button } from '../Button';
import { TextField } from '../Field';
import { NO_ERRORS, toFormErrors, type FormErrors } from '@/lib/errors';
import { formText } from '@/lib/forms';
import { trpc } from '@/lib/trpc';
import { MfaStep } from './MfaStep';

export function LoginForm({ next }: { next: string }) {
  const router = useRouter();
  const utils = trpc.useUtils();
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [mfa, setMfa] = useState(false);
  const login = trpc.auth.login.useMutation();

  const finish = async () => {
    await utils.invalidate();
    router.replace(safeNextPath(next));
    router.refresh();
  };

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const username = formText(form, 'username').trim();
    const password = formText(form, 'password');
    const fields: Record<string, string> = {};
    if (!username) fields.username = 'Enter your username or email.';
    if (!password) fields.password = 'Enter your password.';
    if (Object.keys(fields).length > 0) {
      setErrors({ ...NO_ERRORS, fields });
      return;
    }
    setErrors(NO_ERRORS);
    try {
      const result = await login.mutateAsync({ username, password });
      if (result.status === 'mfa_required') setMfa(true);
      else await finish();
    } catch (error) {
      setErrors(toFormErrors(error));
    }
  };

  if (mfa) {
    return (
      <MfaStep
        onDone={finish}
        onRestart={() => {
          setMfa(false);
        }}
      />
    );
  }

  return (
    <form className="form" onSubmit={(event) => void onSubmit(event)} noValidate>
      <TextField
        label="Username or email"
        name="username"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        required
        autoFocus
        error={errors.fields.username}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        error={errors.fields.password}
        hint={<Link href="/forgot-password">Forgot your password?</Link>}
      />
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      <Button type="submit" block loading={login.isPending}>
        Sign in
      </Button>
    </form>
  );
}
