import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { Alert } from '@/components/Alert';
import { AuthCard } from '@/components/auth/AuthCard';
import { SignupForm } from '@/components/auth/SignupForm';
import { getSignedInUser, serverCaller } from '@/server/caller';

export const metadata: Metadata = { title: 'Create an account' };
export const dynamic = 'force-dynamic';

export default async function SignupPage() {
  if (await getSignedInUser()) redirect('/settings/profile');
  const settings = await (await serverCaller()).serverSettings.getPublic();

  if (!settings.signupEnabled) {
    return (
      <AuthCard title="Sign-up is closed" footer={<Link href="/login">Back to sign in</Link>}>
        <Alert tone="info">
          This server does not accept new sign-ups. Ask an administrator to create an account for
          you.
        </Alert>
      </AuthCard>
    );
  }

  const steps = [
    settings.signupRequireEmailVerification ? 'confirm your email address' : null,
    settings.signupRequireAdminApproval
      ? 'wait for an administrator to approve your account'
      : null,
  ].filter(Boolean);

  return (
    <AuthCard
      wide
      title="Create an account"
      lede={
        steps.length > 0
          ? `After signing up you will ${steps.join(', then ')}.`
          : 'You can sign in as soon as your account is created.'
      }
      footer={
        <>
          Already have an account? <Link href="/login">Sign in</Link>
        </>
      }
    >
      <SignupForm policy={settings} />
    </AuthCard>
  );
}
