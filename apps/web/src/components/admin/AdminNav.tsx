'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import './admin-nav.css';

const LINKS = [
  { href: '/admin/users', label: 'Users' },
  { href: '/admin/settings', label: 'Server settings' },
];

export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav className="admin-nav" aria-label="Administration">
      {LINKS.map((link) => (
        <Link
          key={link.href}
          href={link.href}
          aria-current={
            pathname === link.href || pathname.startsWith(`${link.href}/`) ? 'page' : undefined
          }
        >
          {link.label}
        </Link>
      ))}
    </nav>
  );
}
