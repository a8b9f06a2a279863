import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PhotoUpload } from '@/components/profile/PhotoUpload';
import { ProfileForm } from '@/components/profile/ProfileForm';
import { ProfileSummary } from '@/components/profile/ProfileSummary';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('profile.page');
  return { title: t('title') };
}

export default async function ProfilePage() {
  const t = await getTranslations('profile.page');
  return (
    <>
      <div className="page-header">
        <h1>{t('title')}</h1>
        <p>{t('lede')}</p>
      </div>
      <ProfileSummary />
      <PhotoUpload />
      <ProfileForm />
    </>
  );
}
