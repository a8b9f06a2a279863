'use client';

import Link from 'next/link';
import { useEffect, useRef } from 'react';
import { Alert } from '../Alert';
import { Loading } from '../Spinner';
import { EmailRequestForm } from './EmailRequestForm';
import { errorMessage } from '@/lib/errors';
import { trpc } from '@/lib/trpc';

/** Opens the link from the email: confirms the address once the page has loaded. */
export function VerifyEmail({ token }: { token: string }) {
  const verify = trpc.auth.verifyEmail.useMutation();
  const started = useRef(false);

  useEffect(() => {
    // Once per page, even when React runs effects twice in development.
    if (started.current) return;
    started.current = true;
    verify.mutate({ token });
  }, [token, verify]);

  if (verify.isError) {
    return (
      <div className="stack">
        <Alert tone="error">{errorMessage(verify.error)}</Alert>
        <p className="muted">You can ask for a new link below.</p>
        <ResendVerificationForm />
      </div>
    );
  }
  if (!verify.data) return <Loading label="Confirming your email address…" />;
  if (verify.data.status === 'active') {
    return (
      <div className="stack">
        <Alert tone="success">Your email address is confirmed. You can sign in now.</Alert>
        <Link className="button button-primary button-block" href="/login">
          Continue to sign in
        </Link>
      </div>
    );
  }
  return (
    <Alert tone="success" title="Your email address is confirmed.">
      An administrator will now review your account. We will email you when it is approved; then you
      can sign in.
    </Alert>
  );
}

export function ResendVerificationForm() {
  return (
    <EmailRequestForm
      submitLabel="Send a new link"
      mutation={trpc.auth.resendVerification.useMutation()}
      sent={(email) => (
        <Alert tone="success">
          If {email} belongs to an account waiting for confirmation, a new link is on its way. It
          works once and for 24 hours.
        </Alert>
      )}
    />
  );
}
