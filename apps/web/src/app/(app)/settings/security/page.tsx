import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ActivityCard } from '@/components/security/ActivityCard';
import { ChangePasswordCard } from '@/components/security/ChangePasswordCard';
import { MfaCard } from '@/components/security/MfaCard';
import { SessionsCard } from '@/components/security/SessionsCard';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('security.page');
  return { title: t('title') };
}

export default async function SecurityPage() {
  const t = await getTranslations('security.page');
  return (
    <>
      <div className="page-header">
        <h1>{t('title')}</h1>
        <p>{t('lede')}</p>
      </div>
      <ChangePasswordCard />
      <MfaCard />
      <SessionsCard />
      <ActivityCard />
    </>
  );
}
