import type { UsersRead } from '@roster/users/schemas';
import './user-badges.css';

/** What is special about an account, at a glance; nothing for an ordinary active user. */
export function UserBadges({ user, meId }: { user: UsersRead; meId: number }) {
  const badges: { label: string; tone: string }[] = [];
  if (user.id === meId) badges.push({ label: 'You', tone: '' });
  if (user.accessType === 'admin') badges.push({ label: 'Admin', tone: 'badge-accent' });
  if (user.pendingAdminApproval) badges.push({ label: 'Pending approval', tone: 'badge-warning' });
  if (!user.emailVerified) badges.push({ label: 'Unverified', tone: 'badge-warning' });
  if (!user.active) badges.push({ label: 'Inactive', tone: 'badge-danger' });
  if (user.mfaEnabled) badges.push({ label: 'MFA', tone: 'badge-success' });
  if (badges.length === 0) return null;
  return (
    <ul className="badges" aria-label="Status">
      {badges.map((badge) => (
        <li key={badge.label} className={['badge', badge.tone].filter(Boolean).join(' ')}>
          {badge.label}
        </li>
      ))}
    </ul>
  );
}
