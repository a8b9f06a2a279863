'use client';

import type { UsersMe } from '@roster/users/schemas';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { Avatar } from '../Avatar';
import { Brand } from '../Brand';
import { Button } from '../Button';
import { InitialMeContext, useMe } from '@/lib/use-me';
import { trpc } from '@/lib/trpc';

/** `section` is the path whose pages all count as this link's (defaults to `href`). */
function NavLink({
  href,
  section = href,
  children,
}: {
  href: string;
  section?: string;
  children: ReactNode;
}) {
  const pathname = usePathname();
  const current = pathname === section || pathname.startsWith(`${section}/`);
  return (
    <Link href={href} aria-current={current ? 'page' : undefined}>
      {children}
    </Link>
  );
}

function Header() {
  const me = useMe();
  const router = useRouter();
  const queryClient = useQueryClient();
  const t = useTranslations('common.nav');
  const logout = trpc.auth.logout.useMutation({
    onSettled: () => {
      queryClient.clear();
      router.replace('/login');
      router.refresh();
    },
  });
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <Brand />
        <nav className="main-nav" aria-label={t('main')}>
          <NavLink href="/settings">{t('account')}</NavLink>
          {me.accessType === 'admin' ? (
            <NavLink href="/admin/users" section="/admin">
              {t('administration')}
            </NavLink>
          ) : null}
        </nav>
        <div className="user-menu">
          <Avatar name={me.name} photoUrl={me.photoUrl} />
          <span className="user-name" data-testid="header-user-name">
            {me.name}
          </span>
          <Button
            variant="secondary"
            small
            loading={logout.isPending}
            onClick={() => {
              logout.mutate();
            }}
          >
            {t('signOut')}
          </Button>
        </div>
      </div>
    </header>
  );
}

export function AppShell({ initialMe, children }: { initialMe: UsersMe; children: ReactNode }) {
  return (
    <InitialMeContext.Provider value={initialMe}>
      <Header />
      <main id="main" className="page">
        {children}
      </main>
    </InitialMeContext.Provider>
  );
}
