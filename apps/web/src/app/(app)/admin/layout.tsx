import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { AdminNav } from '@/components/admin/AdminNav';
import { Alert } from '@/components/Alert';
import { getSignedInUser } from '@/server/caller';
import './admin.css';

export const dynamic = 'force-dynamic';

/**
 * Administrators only. The (app) layout has already sent visitors without a session to sign in;
 * a regular user gets this refusal instead of the page, and the API refuses them too.
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const me = await getSignedInUser();
  if (me?.accessType !== 'admin') {
    const t = await getTranslations('admin.layout');
    return (
      <section className="card admin-refusal" aria-labelledby="admin-refusal-title">
        <h1 id="admin-refusal-title">{t('refusalTitle')}</h1>
        <Alert tone="warning">{t('refusalBody')}</Alert>
        <p>
          <Link href="/settings/profile">{t('backToAccount')}</Link>
        </p>
      </section>
    );
  }
  return (
    <div className="admin-layout">
      <AdminNav />
      {children}
    </div>
  );
}
