import type { Metadata } from 'next';
import Link from 'next/link';
import { Alert } from '@/components/Alert';
import { AuthCard } from '@/components/auth/AuthCard';
import { SetupForm } from '@/components/auth/SetupForm';
import { serverCaller } from '@/server/caller';

export const metadata: Metadata = { title: 'Set up Roster' };
export const dynamic = 'force-dynamic';

export default async function SetupPage() {
  const caller = await serverCaller();
  const [status, settings] = await Promise.all([
    caller.setup.status(),
    caller.serverSettings.getPublic(),
  ]);
  if (!status.pending) {
    return (
      <AuthCard title="Roster is set up" footer={<Link href="/login">Go to sign in</Link>}>
        <Alert tone="info">This server already has an administrator.</Alert>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      wide
      title="Create the first administrator"
      lede="Enter the one-time setup code that the server printed when it started."
    >
      <SetupForm policy={settings} />
    </AuthCard>
  );
}
