'use client';

import { useRouter } from 'next/navigation';
import { Alert } from '../Alert';
import { Button } from '../Button';
import { Loading } from '../Spinner';
import { formatDateTime } from '@/lib/format';
import { trpc } from '@/lib/trpc';

export function SessionsCard() {
  const router = useRouter();
  const utils = trpc.useUtils();
  const sessions = trpc.me.sessions.list.useQuery();
  const refresh = async () => {
    await Promise.all([utils.me.sessions.list.invalidate(), utils.me.securityEvents.invalidate()]);
  };
  const revoke = trpc.me.sessions.revoke.useMutation({ onSuccess: refresh });
  const revokeOthers = trpc.me.sessions.revokeOthers.useMutation({ onSuccess: refresh });
  const others = sessions.data?.filter((session) => !session.current).length ?? 0;

  return (
    <section className="card" aria-labelledby="sessions-heading">
      <div className="card-header">
        <h2 id="sessions-heading">Where you are signed in</h2>
        <p>Sign out a device you do not recognise or no longer use.</p>
      </div>
      {sessions.data ? (
        <>
          <ul className="session-list">
            {sessions.data.map((session) => (
              <li key={session.id} data-testid="session">
                <div className="session-main">
                  <strong>{session.device}</strong>
                  {session.current ? <span className="badge badge-accent">This device</span> : null}
                  <p className="meta-line">
                    {session.ip ?? 'Unknown address'} · signed in{' '}
                    {formatDateTime(session.createdAt)} · last active{' '}
                    {formatDateTime(session.lastActiveAt)}
                  </p>
                </div>
                <Button
                  variant="secondary"
                  small
                  loading={revoke.isPending && revoke.variables.id === session.id}
                  aria-label={
                    session.current ? 'Sign out this device' : `Sign out ${session.device}`
                  }
                  onClick={() => {
                    revoke.mutate(
                      { id: session.id },
                      {
                        onSuccess: () => {
                          if (session.current) {
                            router.replace('/login');
                            router.refresh();
                          }
                        },
                      },
                    );
                  }}
                >
                  Sign out
                </Button>
              </li>
            ))}
          </ul>
          {revoke.error ? <Alert tone="error">{revoke.error.message}</Alert> : null}
          {revokeOthers.data ? (
            <Alert tone="success">
              Signed out {revokeOthers.data.revoked} other session
              {revokeOthers.data.revoked === 1 ? '' : 's'}.
            </Alert>
          ) : null}
          {others > 0 ? (
            <div className="form-actions" style={{ marginTop: '1rem' }}>
              <Button
                variant="danger"
                loading={revokeOthers.isPending}
                onClick={() => {
                  revokeOthers.mutate();
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
