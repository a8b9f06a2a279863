'use client';

import type { ApiKeyRead, UsersRead } from '@roster/users/schemas';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Alert } from '../Alert';
import { Loading } from '../Spinner';
import { ApiKeyList } from '../security/ApiKeyList';
import { useErrorText } from '@/lib/errors';
import { trpc } from '@/lib/trpc';

/**
 * A user's API keys as their owner sees them (never the secrets), each revoked with one click:
 * for a key that leaked or a script that should stop.
 */
export function ApiKeysAdminCard({ user, isMe }: { user: UsersRead; isMe: boolean }) {
  const t = useTranslations('admin.apiKeys');
  const errorText = useErrorText();
  const utils = trpc.useUtils();
  const keys = trpc.admin.users.apiKeys.list.useQuery({ id: user.id });
  const revoke = trpc.admin.users.apiKeys.revoke.useMutation();
  const [revoking, setRevoking] = useState<number | null>(null);
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);

  const onRevoke = async (key: ApiKeyRead) => {
    setNotice(null);
    setRevoking(key.id);
    try {
      await revoke.mutateAsync({ id: user.id, keyId: key.id });
      setNotice({ tone: 'success', text: t('revoked', { name: key.name }) });
    } catch (error) {
      setNotice({ tone: 'error', text: errorText.message(error) });
    } finally {
      // Also after a failure: the key may have gone meanwhile, and the list should say so.
      await Promise.all([
        utils.admin.users.apiKeys.list.invalidate({ id: user.id }),
        utils.admin.securityEvents.list.invalidate(),
      ]);
      setRevoking(null);
    }
  };

  return (
    <section className="card" aria-labelledby="api-keys-title">
      <div className="card-header">
        <h2 id="api-keys-title">{t('title')}</h2>
        <p>{isMe ? t('descriptionMine') : t('description', { name: user.name })}</p>
      </div>
      {notice ? (
        <div className="api-keys-notice">
          <Alert tone={notice.tone}>{notice.text}</Alert>
        </div>
      ) : null}
      {keys.error ? (
        <Alert tone="error">{errorText.message(keys.error)}</Alert>
      ) : !keys.data ? (
        <Loading label={t('loading')} />
      ) : keys.data.length === 0 ? (
        <p className="muted">{t('empty')}</p>
      ) : (
        <ApiKeyList
          keys={keys.data}
          revoking={revoking}
          onRevoke={(key) => {
            void onRevoke(key);
          }}
        />
      )}
    </section>
  );
}
