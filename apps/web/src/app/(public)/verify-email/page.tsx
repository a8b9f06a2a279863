import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthCard } from '@/components/auth/AuthCard';
import { ResendVerificationForm, VerifyEmail } from '@/components/auth/VerifyEmail';

export const metadata: Metadata = { title: 'Confirm your email address' };
export const dynamic = 'force-dynamic';

export default async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await searchParams;
  if (typeof token === 'string' && token) {
    return (
      <AuthCard
        title="Confirm your email address"
        footer={<Link href="/login">Back to sign in</Link>}
      >
        <VerifyEmail token={token} />
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title="Send a new confirmation link"
      lede="Enter the address you signed up with."
      footer={<Link href="/login">Back to sign in</Link>}
    >
      <ResendVerificationForm />
    </AuthCard>
  );
}
