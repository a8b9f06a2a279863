'use client';

import Link from 'next/link';
import { useEffect, useRef } from 'react';
import { Alert } from '../Alert';
import { Loading } from '../Spinner';
import { errorMessage, rosterCode } from '@/lib/errors';
import { trpc } from '@/lib/trpc';

/** Opens the link sent to a new address: the account takes it once the page has loaded. */
export function ConfirmEmailChange({ token }: { token: string }) {
  const confirm = trpc.auth.confirmEmailChange.useMutation();
  const started = useRef(false);

  useEffect(() => {
    // Once per page, even when React runs effects twice in development.
    if (started.current) return;
    started.current = true;
    confirm.mutate({ token });
  }, [token, confirm]);

  if (confirm.isError) {
    const taken = rosterCode(confirm.error) === 'EMAIL_TAKEN';
    return (
      <div className="stack">
        <Alert tone="error">
          {taken
            ? 'Another account uses this address now, so it cannot become yours. Your account keeps its current address.'
            : errorMessage(confirm.error)}
        </Alert>
        <p className="muted">
          You can ask for the change again from your profile.{' '}
          <Link href="/settings/profile">Go to your profile</Link>
        </p>
      </div>
    );
  }
  if (!confirm.data) return <Loading label="Changing your email address…" />;
  return (
    <div className="stack">
      <Alert tone="success">Your account now uses this email address.</Alert>
      <Link className="button button-primary button-block" href="/settings/profile">
        Continue
      </Link>
    </div>
  );
}
