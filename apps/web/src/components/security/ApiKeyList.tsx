'use client';

import { ADMIN_SCOPES, type ApiKeyRead } from '@roster/users/schemas';
import { useNow, useTranslations } from 'next-intl';
import { Button } from '../Button';
import { useDateTime } from '@/lib/format';
import './api-keys.css';

/** A key past its expiry is still listed (to be recognised and revoked), marked as expired. */
function isExpired(key: ApiKeyRead, now: number): boolean {
  return key.expiresAt !== null && Date.parse(key.expiresAt) <= now;
}

/**
 * API keys as their owner and an administrator see them: the name, the first characters (never
 * the secret), the scopes, when the key was made, last used and ends, and a button that revokes
 * it at once.
 */
export function ApiKeyList({
  keys,
  revoking,
  onRevoke,
}: {
  keys: readonly ApiKeyRead[];
  /** The key being revoked, whose button shows that it is busy. */
  revoking: number | null;
  onRevoke: (key: ApiKeyRead) => void;
}) {
  const t = useTranslations('security.apiKeys.list');
  const formatDateTime = useDateTime();
  // Looked at again each minute, so that a key that expires while the page is open says so.
  const now = useNow({ updateInterval: 60_000 }).getTime();
  return (
    <ul className="api-key-list">
      {keys.map((key) => {
        const expired = isExpired(key, now);
        return (
          <li key={key.id} data-testid="api-key">
            <div className="api-key-main">
              <p className="api-key-name">
                <strong>{key.name}</strong>
                <code className="api-key-prefix">{`${key.prefix}…`}</code>
                {expired ? <span className="badge badge-danger">{t('expired')}</span> : null}
              </p>
              <p className="api-key-scopes">
                <span className="visually-hidden">{t('scopes')} </span>
                {key.scopes.map((scope) => (
                  <span
                    key={scope}
                    className={ADMIN_SCOPES.includes(scope) ? 'badge badge-warning' : 'badge'}
                  >
                    {scope}
                  </span>
                ))}
              </p>
              <p className="meta-line api-key-dates">
                <span>{t('createdAt', { date: formatDateTime(key.createdAt) })}</span>
                <span>
                  {key.lastUsedAt === null
                    ? t('notUsed')
                    : t('lastUsedAt', { date: formatDateTime(key.lastUsedAt) })}
                </span>
                <span>
                  {key.expiresAt === null
                    ? t('noExpiry')
                    : t(expired ? 'expiredAt' : 'expiresAt', {
                        date: formatDateTime(key.expiresAt),
                      })}
                </span>
              </p>
            </div>
            <Button
              variant="secondary"
              small
              loading={revoking === key.id}
              aria-label={t('revokeLabel', { name: key.name })}
              onClick={() => {
                onRevoke(key);
              }}
            >
              {t('revoke')}
            </Button>
          </li>
        );
      })}
    </ul>
  );
}
