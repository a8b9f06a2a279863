import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ServerSettingsForm } from '@/components/admin/ServerSettingsForm';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.settingsPage');
  return { title: t('title') };
}

export default async function AdminSettingsPage() {
  const t = await getTranslations('admin.settingsPage');
  return (
    <>
      <div className="page-header">
        <h1>{t('title')}</h1>
        <p>{t('lede')}</p>
      </div>
      <ServerSettingsForm />
    </>
  );
}
