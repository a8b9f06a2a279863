import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Alert } from '@/components/Alert';
import { AuthCard } from '@/components/auth/AuthCard';
import { ConfirmEmailChange } from '@/components/auth/ConfirmEmailChange';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth.confirmEmail');
  return { title: t('title') };
}
export const dynamic = 'force-dynamic';

export default async function ConfirmEmailPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await searchParams;
  const t = await getTranslations('auth');
  return (
    <AuthCard
      title={t('confirmEmail.title')}
      footer={<Link href="/login">{t('card.backToSignIn')}</Link>}
    >
      {typeof token === 'string' && token ? (
        <ConfirmEmailChange token={token} />
      ) : (
        <Alert tone="error">{t('confirmEmail.incomplete')}</Alert>
      )}
    </AuthCard>
  );
}
