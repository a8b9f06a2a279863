import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { AuthCard } from '@/components/auth/AuthCard';
import './public-profile.css';

export default async function ProfileNotFound() {
  const t = await getTranslations('profile.notFound');
  return (
    <AuthCard title={t('title')} footer={<Link href="/login">{t('signIn')}</Link>}>
      <p className="not-found-text">{t('body')}</p>
    </AuthCard>
  );
}
