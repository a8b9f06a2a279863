'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Alert } from '../Alert';
import { Avatar } from '../Avatar';
import { Button } from '../Button';
import { ChangeEmailDialog, type EmailChangeOutcome } from './ChangeEmailDialog';
import { useMe } from '@/lib/use-me';
import './profile-summary.css';

export function ProfileSummary() {
  const t = useTranslations('profile.summary');
  const me = useMe();
  const [changing, setChanging] = useState(false);
  const [outcome, setOutcome] = useState<EmailChangeOutcome | null>(null);
  return (
    <section className="card" aria-labelledby="profile-summary">
      <div className="row">
        <Avatar name={me.name} photoUrl={me.photoUrl} size="lg" />
        <div>
          <h2 id="profile-summary">{me.name}</h2>
          <p className="muted">@{me.username}</p>
        </div>
      </div>
      <dl className="dl" style={{ marginTop: '1.25rem' }}>
        <dt>{t('email')}</dt>
        <dd className="email-line">
          <span data-testid="current-email">{me.email}</span>
          {me.emailVerified ? (
            <span className="badge badge-success">{t('confirmed')}</span>
          ) : (
            <span className="badge badge-warning">{t('notConfirmed')}</span>
          )}
          <Button
            small
            variant="secondary"
            onClick={() => {
              setOutcome(null);
              setChanging(true);
            }}
          >
            {t('changeEmail')}
          </Button>
        </dd>
        <dt>{t('accountType')}</dt>
        <dd>{t('accessType', { accessType: me.accessType })}</dd>
        <dt>{t('city')}</dt>
        <dd>{me.city ?? '—'}</dd>
      </dl>
      {me.pendingEmail && outcome?.status !== 'confirmation_sent' ? (
        <Alert tone="info">{t('pendingEmail', { email: me.pendingEmail })}</Alert>
      ) : null}
      {outcome?.status === 'confirmation_sent' ? (
        <Alert tone="success">
          {t('confirmationSent', { email: outcome.email, current: me.email })}
        </Alert>
      ) : null}
      {outcome?.status === 'changed' ? (
        <Alert tone="success">{t('changed', { email: outcome.email })}</Alert>
      ) : null}
      <ChangeEmailDialog
        open={changing}
        onClose={() => {
          setChanging(false);
        }}
        onChanged={setOutcome}
      />
    </section>
  );
}
