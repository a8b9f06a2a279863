import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { AuthCard } from '@/components/auth/AuthCard';
import { ResendVerificationForm, VerifyEmail } from '@/components/auth/VerifyEmail';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth.verifyEmail');
  return { title: t('title') };
}
export const dynamic = 'force-dynamic';

export default async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await searchParams;
  const t = await getTranslations('auth');
  const footer = <Link href="/login">{t('card.backToSignIn')}</Link>;
  if (typeof token === 'string' && token) {
    return (
      <AuthCard title={t('verifyEmail.title')} footer={footer}>
        <VerifyEmail token={token} />
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title={t('verifyEmail.resendTitle')}
      lede={t('verifyEmail.resendLede')}
      footer={footer}
    >
      <ResendVerificationForm />
    </AuthCard>
  );
}
