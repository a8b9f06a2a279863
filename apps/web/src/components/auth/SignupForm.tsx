'use client';

import { type PasswordPolicy, UsersSignup } from '@roster/users/schemas';
import Link from 'next/link';
import { useState } from 'react';
import { Alert } from '../Alert';
import { Button } from '../Button';
import { formText } from '@/lib/forms';
import { trpc } from '@/lib/trpc';
import { useForm } from '@/lib/use-form';
import { AccountFields } from './AccountFields';

type SignupOutcome = {
  status: 'active' | 'pending';
  emailVerificationRequired: boolean;
  adminApprovalRequired: boolean;
};

function NextSteps({ outcome, email }: { outcome: SignupOutcome; email: string }) {
  if (outcome.status === 'active') {
    return (
      <div className="stack">
        <Alert tone="success">Your account is ready.</Alert>
        <Link className="button button-primary button-block" href="/login">
          Continue to sign in
        </Link>
      </div>
    );
  }
  return (
    <div className="stack">
      <Alert tone="success" title="Thanks for signing up.">
        {outcome.emailVerificationRequired
          ? `We sent a link to ${email}. Open it to confirm your email address.`
          : 'An administrator will review your account.'}
      </Alert>
      <ol className="muted">
        {outcome.emailVerificationRequired ? (
          <li>Confirm your email address with the link.</li>
        ) : null}
        {outcome.adminApprovalRequired ? (
          <li>An administrator approves your account; we will email you when that happens.</li>
        ) : null}
        <li>Sign in.</li>
      </ol>
      {outcome.emailVerificationRequired ? (
        <p className="muted">
          No email? Check your spam folder, or <Link href="/verify-email">send a new link</Link>.
        </p>
      ) : null}
    </div>
  );
}

// Only what the form asks for: the API fills in the rest (the language from the request).
const SignupValues = UsersSignup.pick({ name: true, username: true, email: true, password: true });

export function SignupForm({ policy }: { policy: PasswordPolicy }) {
  const [done, setDone] = useState<{ outcome: SignupOutcome; email: string } | null>(null);
  const form = useForm({
    mutation: trpc.auth.signup.useMutation(),
    schema: SignupValues,
    onSuccess: (outcome, input) => {
      setDone({ outcome, email: input.email });
    },
  });

  if (done) return <NextSteps outcome={done.outcome} email={done.email} />;

  const formError =
    form.code === 'SIGNUP_CONFLICT'
      ? 'This username or email address cannot be used. Choose another, or sign in if you already have an account.'
      : form.formError;
  return (
    <form
      className="form"
      onSubmit={form.onSubmit((data) => ({
        name: formText(data, 'name'),
        username: formText(data, 'username'),
        email: formText(data, 'email'),
        password: formText(data, 'password'),
      }))}
      noValidate
    >
      <AccountFields errors={form.fields} policy={policy} />
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <Button type="submit" block loading={form.pending}>
        Create account
      </Button>
    </form>
  );
}
