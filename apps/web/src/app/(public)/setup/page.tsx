import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Alert } from '@/components/Alert';
import { AuthCard } from '@/components/auth/AuthCard';
import { SetupForm } from '@/components/auth/SetupForm';
import { serverCaller } from '@/server/caller';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth.setup');
  return { title: t('title') };
}
export const dynamic = 'force-dynamic';

export default async function SetupPage() {
  const caller = await serverCaller();
  const [status, settings] = await Promise.all([
    caller.setup.status(),
    caller.serverSettings.getPublic(),
  ]);
  const t = await getTranslations('auth.setup');
  if (!status.pending) {
    return (
      <AuthCard title={t('doneTitle')} footer={<Link href="/login">{t('goToSignIn')}</Link>}>
        <Alert tone="info">{t('done')}</Alert>
      </AuthCard>
    );
  }
  return (
    <AuthCard wide title={t('heading')} lede={t('lede')}>
      <SetupForm policy={settings} />
    </AuthCard>
  );
}
