import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/auth/AuthCard';
import { LoginForm } from '@/components/auth/LoginForm';
import { safeNextPath } from '@roster/users/schemas';
import { getSignedInUser, serverCaller } from '@/server/caller';

export const metadata: Metadata = { title: 'Sign in' };
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

  return (
    <AuthCard
      title="Sign in"
      lede="Welcome back."
      footer={
        settings.signupEnabled ? (
          <>
            New here? <Link href="/signup">Create an account</Link>
          </>
        ) : null
      }
    >
      <LoginForm next={next} />
    </AuthCard>
  );
}
