'use client';

import { useState } from 'react';
import { Alert } from '../Alert';
import { Avatar } from '../Avatar';
import { Button } from '../Button';
import { ChangeEmailDialog, type EmailChangeOutcome } from './ChangeEmailDialog';
import { useMe } from '@/lib/use-me';
import './profile-summary.css';

export function ProfileSummary() {
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
        <dt>Email</dt>
        <dd className="email-line">
          <span data-testid="current-email">{me.email}</span>
          {me.emailVerified ? (
            <span className="badge badge-success">Confirmed</span>
          ) : (
            <span className="badge badge-warning">Not confirmed</span>
          )}
          <Button
            small
            variant="secondary"
            onClick={() => {
              setOutcome(null);
              setChanging(true);
            }}
          >
            Change email
          </Button>
        </dd>
        <dt>Account type</dt>
        <dd>{me.accessType === 'admin' ? 'Administrator' : 'Regular user'}</dd>
        <dt>City</dt>
        <dd>{me.city ?? '—'}</dd>
      </dl>
      {me.pendingEmail && outcome?.status !== 'confirmation_sent' ? (
        <Alert tone="info">
          A change to {me.pendingEmail} is waiting: open the link we sent there to use it.
        </Alert>
      ) : null}
      {outcome?.status === 'confirmation_sent' ? (
        <Alert tone="success">
          We sent a link to {outcome.email}. Your address changes when you open it; until then we
          keep using {me.email}, which we told about the change.
        </Alert>
      ) : null}
      {outcome?.status === 'changed' ? (
        <Alert tone="success">
          Your email address is now {outcome.email}. We sent a link there to confirm it, and told
          your previous address about the change.
        </Alert>
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
