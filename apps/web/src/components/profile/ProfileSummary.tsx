'use client';

import { Avatar } from '../Avatar';
import { useMe } from '@/lib/use-me';

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
        <dd>{me.email}</dd>
        <dt>Account type</dt>
        <dd>{me.accessType === 'admin' ? 'Administrator' : 'Regular user'}</dd>
        <dt>City</dt>
        <dd>{me.city ?? '—'}</dd>
      </dl>
    </section>
  );
}
