import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { Alert } from '@/components/Alert';
import { AuthCard } from '@/components/auth/AuthCard';
import { LoginForm } from '@/components/auth/LoginForm';
import { safeNextPath } from '@roster/users/schemas';
import { getSignedInUser, serverCaller } from '@/server/caller';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth.login');
  return { title: t('title') };
}
export const dynamic = 'force-dynamic';

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const next = safeNextPath(typeof params.next === 'string' ? params.next : null);
  if (await getSignedInUser()) redirect(next);
  const caller = await serverCaller();
  const [settings, setup] = await Promise.all([
    caller.serverSettings.getPublic(),
    caller.setup.status(),
  ]);
  if (setup.pending) redirect('/setup');
  const t = await getTranslations('auth.login');

  return (
    <AuthCard
      title={t('title')}
      lede={t('lede')}
      footer={
        settings.signupEnabled
          ? t.rich('newHere', { link: (chunks) => <Link href="/signup">{chunks}</Link> })
          : null
      }
    >
      {params.deleted === '1' ? (
        <div className="login-notice">
          <Alert tone="success">{t('deleted')}</Alert>
        </div>
      ) : null}
      <LoginForm
        next={next}
        providers={settings.identityProviders}
        passwordLoginEnabled={settings.passwordLoginEnabled}
        step={params.step === 'mfa' ? 'mfa' : 'password'}
        error={typeof params.error === 'string' ? params.error : null}
      />
    </AuthCard>
  );
}
