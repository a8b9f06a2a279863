import type { Metadata } from 'next';
import Link from 'next/link';
import { Alert } from '@/components/Alert';
import { AuthCard } from '@/components/auth/AuthCard';
import { ConfirmEmailChange } from '@/components/auth/ConfirmEmailChange';

export const metadata: Metadata = { title: 'Confirm your new email address' };
export const dynamic = 'force-dynamic';

export default async function ConfirmEmailPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await searchParams;
  return (
    <AuthCard
      title="Confirm your new email address"
      footer={<Link href="/login">Back to sign in</Link>}
    >
      {typeof token === 'string' && token ? (
        <ConfirmEmailChange token={token} />
      ) : (
        <Alert tone="error">
          This link is incomplete. Open the link from the email again, or copy all of it into your
          browser.
        </Alert>
      )}
    </AuthCard>
  );
}
