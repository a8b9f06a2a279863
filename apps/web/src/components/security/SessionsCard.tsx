'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Alert } from '../Alert';
import { Button } from '../Button';
import { Loading } from '../Spinner';
import { SessionList } from './SessionList';
import { trpc } from '@/lib/trpc';
import { useForm } from '@/lib/use-form';

export function SessionsCard() {
  const t = useTranslations('security.sessions');
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
        <h2 id="sessions-heading">{t('title')}</h2>
        <p>{t('lede')}</p>
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
            <Alert tone="success">{t('revokedOthers', { count: revokedCount })}</Alert>
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
                {t('revokeOthers')}
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
