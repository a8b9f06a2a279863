'use client';

import { type PasswordPolicy, UsersSignup } from '@roster/users/schemas';
import Link from 'next/link';
import { useState, type SubmitEvent } from 'react';
import { Alert } from '../Alert';
import { Button } from '../Button';
import {
  rosterCode,
  NO_ERRORS,
  toFormErrors,
  zodIssuesToFields,
  type FormErrors,
} from '@/lib/errors';
import { formText } from '@/lib/forms';
import { trpc } from '@/lib/trpc';
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

export function SignupForm({ policy }: { policy: PasswordPolicy }) {
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [done, setDone] = useState<{ outcome: SignupOutcome; email: string } | null>(null);
  const signup = trpc.auth.signup.useMutation();

  if (done) return <NextSteps outcome={done.outcome} email={done.email} />;

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      name: formText(form, 'name'),
      username: formText(form, 'username'),
      email: formText(form, 'email'),
      password: formText(form, 'password'),
    };
    const parsed = UsersSignup.safeParse(input);
    if (!parsed.success) {
      setErrors({ ...NO_ERRORS, fields: zodIssuesToFields(parsed.error.issues) });
      return;
    }
    setErrors(NO_ERRORS);
    try {
      const outcome = await signup.mutateAsync(input);
      setDone({ outcome, email: parsed.data.email });
    } catch (error) {
      setErrors(
        rosterCode(error) === 'SIGNUP_CONFLICT'
          ? {
              ...NO_ERRORS,
              form: 'This username or email address cannot be used. Choose another, or sign in if you already have an account.',
            }
          : toFormErrors(error),
      );
    }
  };

  return (
    <form className="form" onSubmit={(event) => void onSubmit(event)} noValidate>
      <AccountFields errors={errors.fields} policy={policy} />
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      <Button type="submit" block loading={signup.isPending}>
        Create account
      </Button>
    </form>
  );
}
