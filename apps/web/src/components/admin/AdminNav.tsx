'use client';

import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import './admin-nav.css';

const LINKS = [
  { href: '/admin/users', key: 'users' },
  { href: '/admin/identity-providers', key: 'identityProviders' },
  { href: '/admin/settings', key: 'settings' },
] as const;

export function AdminNav() {
  const t = useTranslations('admin.nav');
  const pathname = usePathname();
  return (
    <nav className="admin-nav" aria-label={t('label')}>
      {LINKS.map((link) => (
        <Link
          key={link.href}
          href={link.href}
          aria-current={
            pathname === link.href || pathname.startsWith(`${link.href}/`) ? 'page' : undefined
          }
        >
          {t(link.key)}
        </Link>
      ))}
    </nav>
  );
}
