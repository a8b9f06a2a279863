'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';

const LINKS = [
  { href: '/settings/profile', label: 'profile' },
  { href: '/settings/privacy', label: 'privacy' },
  { href: '/settings/security', label: 'security' },
] as const;

export function SettingsNav() {
  const pathname = usePathname();
  const t = useTranslations('common.nav');
  return (
    <nav className="settings-nav" aria-label={t('settings')}>
      {LINKS.map((link) => (
        <Link
          key={link.href}
          href={link.href}
          aria-current={pathname === link.href ? 'page' : undefined}
        >
          {t(link.label)}
        </Link>
      ))}
    </nav>
  );
}
