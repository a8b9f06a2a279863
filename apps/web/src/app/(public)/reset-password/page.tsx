import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Alert } from '@/components/Alert';
import { AuthCard } from '@/components/auth/AuthCard';
import { ResetPasswordForm } from '@/components/auth/PasswordReset';
import { serverCaller } from '@/server/caller';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth.resetPassword');
  return { title: t('title') };
}
export const dynamic = 'force-dynamic';

export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await searchParams;
  const t = await getTranslations('auth');
  const footer = <Link href="/login">{t('card.backToSignIn')}</Link>;
  if (typeof token !== 'string' || !token) {
    return (
      <AuthCard title={t('resetPassword.title')} footer={footer}>
        <Alert tone="error">
          {t.rich('resetPassword.noToken', {
            link: (chunks) => <Link href="/forgot-password">{chunks}</Link>,
          })}
        </Alert>
      </AuthCard>
    );
  }
  const settings = await (await serverCaller()).serverSettings.getPublic();
  return (
    <AuthCard title={t('resetPassword.title')} footer={footer}>
      <ResetPasswordForm token={token} policy={settings} />
    </AuthCard>
  );
}
