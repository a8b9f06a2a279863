'use client';

import { Avatar } from '../Avatar';
import { useMe } from '@/lib/use-me';
import './profile.css';

export function ProfileSummary() {
  const me = useMe();
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
          <span>{me.email}</span>
          {me.emailVerified ? (
            <span className="badge badge-success">Confirmed</span>
          ) : (
            <span className="badge badge-warning">Not confirmed</span>
          )}
        </dd>
        <dt>Account type</dt>
        <dd>{me.accessType === 'admin' ? 'Administrator' : 'Regular user'}</dd>
        <dt>City</dt>
        <dd>{me.city ?? '—'}</dd>
      </dl>
    </section>
  );
}
