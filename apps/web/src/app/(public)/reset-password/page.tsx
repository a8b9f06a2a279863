import type { Metadata } from 'next';
import Link from 'next/link';
import { Alert } from '@/components/Alert';
import { AuthCard } from '@/components/auth/AuthCard';
import { ResetPasswordForm } from '@/components/auth/PasswordReset';
import { serverCaller } from '@/server/caller';

export const metadata: Metadata = { title: 'Choose a new password' };
export const dynamic = 'force-dynamic';

export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await searchParams;
  if (typeof token !== 'string' || !token) {
    return (
      <AuthCard title="Choose a new password" footer={<Link href="/login">Back to sign in</Link>}>
        <Alert tone="error">
          This page needs the link from your email.{' '}
          <Link href="/forgot-password">Ask for a new link</Link>.
        </Alert>
      </AuthCard>
    );
  }
  const settings = await (await serverCaller()).serverSettings.getPublic();
  return (
    <AuthCard title="Choose a new password" footer={<Link href="/login">Back to sign in</Link>}>
      <ResetPasswordForm token={token} policy={settings} />
    </AuthCard>
  );
}
