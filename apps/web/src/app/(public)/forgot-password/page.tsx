import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { AuthCard } from '@/components/auth/AuthCard';
import { ForgotPasswordForm } from '@/components/auth/PasswordReset';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth.forgotPassword');
  return { title: t('title') };
}

export default async function ForgotPasswordPage() {
  const t = await getTranslations('auth');
  return (
    <AuthCard
      title={t('forgotPassword.heading')}
      lede={t('forgotPassword.lede')}
      footer={<Link href="/login">{t('card.backToSignIn')}</Link>}
    >
      <ForgotPasswordForm />
    </AuthCard>
  );
}
