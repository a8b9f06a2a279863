'use client';

import type { UsersRead } from '@roster/users/schemas';
import { useTranslations } from 'next-intl';
import './user-badges.css';

type Badge = 'you' | 'admin' | 'pending' | 'unverified' | 'inactive' | 'mfa';

const TONES: Record<Badge, string> = {
  you: '',
  admin: 'badge-accent',
  pending: 'badge-warning',
  unverified: 'badge-warning',
  inactive: 'badge-danger',
  mfa: 'badge-success',
};

/** What is special about an account, at a glance; nothing for an ordinary active user. */
export function UserBadges({ user, meId }: { user: UsersRead; meId: number }) {
  const t = useTranslations('admin.badges');
  const badges: Badge[] = [];
  if (user.id === meId) badges.push('you');
  if (user.accessType === 'admin') badges.push('admin');
  if (user.pendingAdminApproval) badges.push('pending');
  if (!user.emailVerified) badges.push('unverified');
  if (!user.active) badges.push('inactive');
  if (user.mfaEnabled) badges.push('mfa');
  if (badges.length === 0) return null;
  return (
    <ul className="badges" aria-label={t('label')}>
      {badges.map((badge) => (
        <li key={badge} className={['badge', TONES[badge]].filter(Boolean).join(' ')}>
          {t(badge)}
        </li>
      ))}
    </ul>
  );
}
