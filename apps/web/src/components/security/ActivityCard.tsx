'use client';

import type { SecurityEventType } from '@roster/users';
import type { SecurityEvent } from '@roster/users/schemas';
import { useTranslations } from 'next-intl';
import { Loading } from '../Spinner';
import { useDeviceName } from '@/lib/device';
import { useDateTime } from '@/lib/format';
import { trpc } from '@/lib/trpc';
import './activity.css';

/** The catalogue key (`security.activity.events.*`) of every event type the log records. */
const EVENT_KEYS = {
  login_succeeded: 'loginSucceeded',
  login_failed: 'loginFailed',
  login_blocked: 'loginBlocked',
  login_throttled: 'loginThrottled',
  mfa_failed: 'mfaFailed',
  logout: 'logout',
  signup: 'signup',
  email_verified: 'emailVerified',
  password_changed: 'passwordChanged',
  password_reset_requested: 'passwordResetRequested',
  password_reset: 'passwordReset',
  email_changed: 'emailChanged',
  email_change_requested: 'emailChangeRequested',
  step_up_failed: 'stepUpFailed',
  mfa_enabled: 'mfaEnabled',
  mfa_disabled: 'mfaDisabled',
  mfa_backup_codes_regenerated: 'mfaBackupCodesRegenerated',
  mfa_backup_code_used: 'mfaBackupCodeUsed',
  session_revoked: 'sessionRevoked',
  sessions_revoked: 'sessionsRevoked',
  admin_created: 'adminCreated',
  admin_user_created: 'adminUserCreated',
  admin_user_updated: 'adminUserUpdated',
  admin_user_approved: 'adminUserApproved',
  admin_user_rejected: 'adminUserRejected',
  admin_password_set: 'adminPasswordSet',
  admin_user_deleted: 'adminUserDeleted',
  admin_sessions_revoked: 'adminSessionsRevoked',
  admin_settings_updated: 'adminSettingsUpdated',
  admin_provider_created: 'adminProviderCreated',
  admin_provider_updated: 'adminProviderUpdated',
  admin_provider_deleted: 'adminProviderDeleted',
  provider_login_succeeded: 'providerLoginSucceeded',
  provider_login_refused: 'providerLoginRefused',
  identity_linked: 'identityLinked',
  identity_unlinked: 'identityUnlinked',
  passkey_added: 'passkeyAdded',
  passkey_removed: 'passkeyRemoved',
  passkey_renamed: 'passkeyRenamed',
  passkey_counter_regressed: 'passkeyCounterRegressed',
  admin_second_factors_reset: 'adminSecondFactorsReset',
  api_key_created: 'apiKeyCreated',
  api_key_revoked: 'apiKeyRevoked',
  api_key_refused: 'apiKeyRefused',
  admin_api_key_revoked: 'adminApiKeyRevoked',
  account_deleted: 'accountDeleted',
} as const satisfies Record<SecurityEventType, string>;

type EventKey = (typeof EVENT_KEYS)[SecurityEventType];

/** The key of a logged event type, or undefined for one newer than this page. */
export function eventKey(type: string): EventKey | undefined {
  return Object.hasOwn(EVENT_KEYS, type) ? EVENT_KEYS[type as SecurityEventType] : undefined;
}

/** One entry of a security log: what happened, then when, by whom, from where and on what. */
export function SecurityEventSummary({ event }: { event: SecurityEvent }) {
  const t = useTranslations('security.activity');
  const formatDateTime = useDateTime();
  const deviceName = useDeviceName();
  const key = eventKey(event.event);
  return (
    <>
      <strong>{key ? t(`events.${key}`) : t('unknownEvent', { type: event.event })}</strong>
      <p className="meta-line">
        {t('details', {
          date: formatDateTime(event.createdAt),
          byAdministrator: String(event.byAdministrator),
          hasIp: String(Boolean(event.ip)),
          ip: event.ip ?? '',
          hasDevice: String(Boolean(event.userAgent)),
          device: deviceName(event),
        })}
      </p>
    </>
  );
}

export function ActivityCard() {
  const t = useTranslations('security.activity');
  const events = trpc.me.securityEvents.useQuery();
  return (
    <section className="card" aria-labelledby="activity-heading">
      <div className="card-header">
        <h2 id="activity-heading">{t('title')}</h2>
        <p>{t('lede')}</p>
      </div>
      {events.data ? (
        events.data.length === 0 ? (
          <p className="muted">{t('empty')}</p>
        ) : (
          <ul className="activity-list">
            {events.data.map((event) => (
              <li key={event.id} data-testid="security-event">
                <div className="activity-main">
                  <SecurityEventSummary event={event} />
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
