import { Button } from '../Button';
import { formatDateTime } from '@/lib/format';
import './session-list.css';

export interface SessionRow {
  id: string;
  device: string;
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
  return (
    <ul className="session-list">
      {sessions.map((session) => (
        <li key={session.id} data-testid="session">
          <div className="session-main">
            <strong>{session.device}</strong>
            {session.current ? <span className="badge badge-accent">This device</span> : null}
            <p className="meta-line">
              {session.ip ?? 'Unknown address'} · signed in {formatDateTime(session.createdAt)} ·
              last active {formatDateTime(session.lastActiveAt)}
            </p>
          </div>
          <Button
            variant="secondary"
            small
            loading={signingOut === session.id}
            // Several rows may name the same device; the time tells them apart.
            aria-label={
              session.current
                ? 'Sign out this device'
                : `Sign out ${session.device}, last active ${formatDateTime(session.lastActiveAt)}`
            }
            onClick={() => {
              onSignOut(session);
            }}
          >
            Sign out
          </Button>
        </li>
      ))}
    </ul>
  );
}
