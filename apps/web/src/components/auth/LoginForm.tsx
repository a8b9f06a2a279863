'use client';

import Link from 'next/link';
import { safeNextPath } from '@roster/users/schemas';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { z } from 'zod';
import { Alert } from '../Alert';
import { Button } from '../Button';
import { TextField } from '../Field';
import { formText } from '@/lib/forms';
import { trpc } from '@/lib/trpc';
import { useForm } from '@/lib/use-form';
import { MfaStep } from './MfaStep';

// Worded for this page: "username or email" rather than the API's own messages.
const SignIn = z.object({
  username: z.string().trim().min(1, { error: 'Enter your username or email.' }),
  password: z.string().min(1, { error: 'Enter your password.' }),
});

export function LoginForm({ next }: { next: string }) {
  const router = useRouter();
  const utils = trpc.useUtils();
  const [mfa, setMfa] = useState(false);

  const finish = async () => {
    await utils.invalidate();
    router.replace(safeNextPath(next));
    router.refresh();
  };

  const form = useForm({
    mutation: trpc.auth.login.useMutation(),
    schema: SignIn,
    onSuccess: async (result) => {
      if (result.status === 'mfa_required') setMfa(true);
      else await finish();
    },
  });

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
    <form
      className="form"
      onSubmit={form.onSubmit((data) => ({
        username: formText(data, 'username'),
        password: formText(data, 'password'),
      }))}
      noValidate
    >
      <TextField
        label="Username or email"
        name="username"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        required
        autoFocus
        error={form.fields.username}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        error={form.fields.password}
        hint={<Link href="/forgot-password">Forgot your password?</Link>}
      />
      {form.formError ? <Alert tone="error">{form.formError}</Alert> : null}
      <Button type="submit" block loading={form.pending}>
        Sign in
      </Button>
    </form>
  );
}
