import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { Alert } from '@/components/Alert';
import { AuthCard } from '@/components/auth/AuthCard';
import { SignupForm } from '@/components/auth/SignupForm';
import { getSignedInUser, serverCaller } from '@/server/caller';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth.signup');
  return { title: t('title') };
}
export const dynamic = 'force-dynamic';

/** What follows a sign-up on this server, as the `steps` of the page's lede. */
function stepsAfterSignup(verify: boolean, approve: boolean): string {
  if (verify && approve) return 'verifyAndApprove';
  if (verify) return 'verify';
  if (approve) return 'approve';
  return 'none';
}

export default async function SignupPage() {
  if (await getSignedInUser()) redirect('/settings/profile');
  const settings = await (await serverCaller()).serverSettings.getPublic();
  const t = await getTranslations('auth');

  if (!settings.signupEnabled) {
    return (
      <AuthCard
        title={t('signup.closedTitle')}
        footer={<Link href="/login">{t('card.backToSignIn')}</Link>}
      >
        <Alert tone="info">{t('signup.closed')}</Alert>
      </AuthCard>
    );
  }

  return (
    <AuthCard
      wide
      title={t('signup.title')}
      lede={t('signup.lede', {
        steps: stepsAfterSignup(
          settings.signupRequireEmailVerification,
          settings.signupRequireAdminApproval,
        ),
      })}
      footer={t.rich('signup.haveAccount', {
        link: (chunks) => <Link href="/login">{chunks}</Link>,
      })}
    >
      <SignupForm policy={settings} />
    </AuthCard>
  );
}
