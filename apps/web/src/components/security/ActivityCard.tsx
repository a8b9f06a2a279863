'use client';

import { Loading } from '../Spinner';
import { formatDateTime } from '@/lib/format';
import { trpc } from '@/lib/trpc';
import './activity.css';

const LABELS: Record<string, string> = {
  login_succeeded: 'Signed in',
  login_failed: 'Failed sign-in attempt',
  login_blocked: 'Sign-in refused (account not active)',
  login_throttled: 'Sign-in blocked after too many attempts',
  mfa_failed: 'Wrong two-factor code',
  logout: 'Signed out',
  signup: 'Account created',
  email_verified: 'Email address confirmed',
  email_changed: 'Email address changed',
  email_change_requested: 'Change of email address asked for',
  step_up_failed: 'Wrong password or code when confirming a change',
  password_changed: 'Password changed',
  password_reset_requested: 'Password reset requested',
  password_reset: 'Password reset',
  mfa_enabled: 'Two-factor authentication turned on',
  mfa_disabled: 'Two-factor authentication turned off',
  mfa_backup_codes_regenerated: 'New backup codes made',
  mfa_backup_code_used: 'Backup code used',
  session_revoked: 'A session was signed out',
  sessions_revoked: 'Other sessions were signed out',
  admin_user_created: 'Account created by an administrator',
  admin_user_updated: 'Account changed by an administrator',
  admin_user_approved: 'Account approved by an administrator',
  admin_password_set: 'Password set by an administrator',
  admin_sessions_revoked: 'Signed out by an administrator',
  admin_created: 'Administrator account created',
};

export function ActivityCard() {
  const events = trpc.me.securityEvents.useQuery();
  return (
    <section className="card" aria-labelledby="activity-heading">
      <div className="card-header">
        <h2 id="activity-heading">Recent security activity</h2>
        <p>Sign-ins and changes to your account. Something you did not do? Change your password.</p>
      </div>
      {events.data ? (
        events.data.length === 0 ? (
          <p className="muted">Nothing yet.</p>
        ) : (
          <ul className="activity-list">
            {events.data.map((event) => (
              <li key={event.id} data-testid="security-event">
                <div className="activity-main">
                  <strong>{LABELS[event.event] ?? event.event}</strong>
                  <p className="meta-line">
                    {formatDateTime(event.createdAt)}
                    {event.byAdministrator ? ' · by an administrator' : ''}
                    {event.ip ? ` · ${event.ip}` : ''}
                    {event.device ? ` · ${event.device}` : ''}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        )
      ) : (
        <Loading />
      )}
    </section>
  );
}
