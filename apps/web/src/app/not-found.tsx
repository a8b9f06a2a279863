import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { AuthCard } from '@/components/auth/AuthCard';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common.notFound');
  return { title: t('title') };
}

/** Any address with no page: said in the visitor's language, with a way back. */
export default async function NotFound() {
  const t = await getTranslations('common.notFound');
  return (
    <main id="main" className="auth-shell">
      <AuthCard title={t('title')} footer={<Link href="/">{t('home')}</Link>}>
        <p>{t('body')}</p>
      </AuthCard>
    </main>
  );
}
