import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AccountDataCard } from '@/components/profile/AccountDataCard';
import { DeleteAccountCard } from '@/components/profile/DeleteAccountCard';
import { PrivacyForm } from '@/components/profile/PrivacyForm';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('profile.privacyPage');
  return { title: t('title') };
}

export default async function PrivacyPage() {
  const t = await getTranslations('profile.privacyPage');
  return (
    <>
      <div className="page-header">
        <h1>{t('title')}</h1>
        <p>{t('lede')}</p>
      </div>
      <PrivacyForm />
      <AccountDataCard />
      <DeleteAccountCard />
    </>
  );
}
