import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Suspense } from 'react';
import { UsersDashboard } from '@/components/admin/UsersDashboard';
import { Loading } from '@/components/Spinner';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.usersPage');
  return { title: t('title') };
}

export default async function AdminUsersPage() {
  const t = await getTranslations('admin.usersPage');
  return (
    <>
      <div className="page-header">
        <h1>{t('title')}</h1>
        <p>{t('lede')}</p>
      </div>
      {/* The dashboard reads its page, search and tab from the URL. */}
      <Suspense fallback={<Loading label={t('loading')} />}>
        <UsersDashboard />
      </Suspense>
    </>
  );
}
