import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { IdentityProviders } from '@/components/admin/IdentityProviders';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.identityProvidersPage');
  return { title: t('title') };
}

export default async function AdminIdentityProvidersPage() {
  const t = await getTranslations('admin.identityProvidersPage');
  return (
    <>
      <div className="page-header">
        <h1>{t('title')}</h1>
        <p>{t('lede')}</p>
      </div>
      <IdentityProviders />
    </>
  );
}
