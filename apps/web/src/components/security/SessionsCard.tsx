'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Alert } from '../Alert';
import { Button } from '../Button';
import { Loading } from '../Spinner';
import { SessionList } from './SessionList';
import { trpc } from '@/lib/trpc';
import { useForm } from '@/lib/use-form';

export function SessionsCard() {
  const router = useRouter();
  const utils = trpc.useUtils();
  const sessions = trpc.me.sessions.list.useQuery();
  const refresh = async () => {
    await Promise.all([utils.me.sessions.list.invalidate(), utils.me.securityEvents.invalidate()]);
  };
  const revokeMutation = trpc.me.sessions.revoke.useMutation();
  const revoke = useForm({
    mutation: revokeMutation,
    fields: [],
    onSuccess: async (_result, { id }) => {
      // Signing out this device ends the session this page runs on.
      if (sessions.data?.find((session) => session.id === id)?.current) {
        router.replace('/login');
        router.refresh();
        return;
      }
      await refresh();
    },
  });
  const [revokedCount, setRevokedCount] = useState<number | null>(null);
  const revokeOthers = useForm({
    mutation: trpc.me.sessions.revokeOthers.useMutation(),
    fields: [],
    onSuccess: async ({ revoked }) => {
      setRevokedCount(revoked);
      await refresh();
    },
  });
  const others = sessions.data?.filter((session) => !session.current).length ?? 0;

  return (
    <section className="card" aria-labelledby="sessions-heading">
      <div className="card-header">
        <h2 id="sessions-heading">Where you are signed in</h2>
        <p>Sign out a device you do not recognise or no longer use.</p>
      </div>
      {sessions.data ? (
        <>
          <SessionList
            sessions={sessions.data}
            signingOut={revoke.pending ? (revokeMutation.variables?.id ?? null) : null}
            onSignOut={(session) => {
              void revoke.submit({ id: session.id });
            }}
          />
          {revoke.formError ? <Alert tone="error">{revoke.formError}</Alert> : null}
          {revokeOthers.formError ? <Alert tone="error">{revokeOthers.formError}</Alert> : null}
          {revokedCount !== null ? (
            <Alert tone="success">
              Signed out {revokedCount} other session{revokedCount === 1 ? '' : 's'}.
            </Alert>
          ) : null}
          {others > 0 ? (
            <div className="form-actions" style={{ marginTop: '1rem' }}>
              <Button
                variant="danger"
                loading={revokeOthers.pending}
                onClick={() => {
                  void revokeOthers.submit();
                }}
              >
                Sign out all other sessions
              </Button>
            </div>
          ) : null}
        </>
      ) : (
        <Loading />
      )}
    </section>
  );
}
