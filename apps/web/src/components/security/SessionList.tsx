import { useTranslations } from 'next-intl';
import { Button } from '../Button';
import { type DeviceNames, useDeviceName } from '@/lib/device';
import { useDateTime } from '@/lib/format';
import './session-list.css';

export interface SessionRow extends DeviceNames {
  id: string;
  ip: string | null;
  createdAt: string;
  lastActiveAt: string;
  current: boolean;
}

/**
 * Where an account is signed in, each with a button that ends it: the same list for a person's
 * own sessions and for an administrator's view of anyone's.
 */
export function SessionList({
  sessions,
  signingOut,
  onSignOut,
}: {
  sessions: readonly SessionRow[];
  /** The session being signed out, whose button shows that it is busy. */
  signingOut: string | null;
  onSignOut: (session: SessionRow) => void;
}) {
  const t = useTranslations('security.sessionList');
  const formatDateTime = useDateTime();
  const deviceName = useDeviceName();
  return (
    <ul className="session-list">
      {sessions.map((session) => {
        const createdAt = formatDateTime(session.createdAt);
        const lastActiveAt = formatDateTime(session.lastActiveAt);
        const device = deviceName(session);
        return (
          <li key={session.id} data-testid="session">
            <div className="session-main">
              <strong>{device}</strong>
              {session.current ? (
                <span className="badge badge-accent">{t('thisDevice')}</span>
              ) : null}
              <p className="meta-line">
                {session.ip
                  ? t('details', { ip: session.ip, createdAt, lastActiveAt })
                  : t('detailsUnknownAddress', { createdAt, lastActiveAt })}
              </p>
            </div>
            <Button
              variant="secondary"
              small
              loading={signingOut === session.id}
              // Several rows may name the same device; the time tells them apart.
              aria-label={
                session.current
                  ? t('signOutThisDevice')
                  : t('signOutDevice', { device, lastActiveAt })
              }
              onClick={() => {
                onSignOut(session);
              }}
            >
              {t('signOut')}
            </Button>
          </li>
        );
      })}
    </ul>
  );
}
