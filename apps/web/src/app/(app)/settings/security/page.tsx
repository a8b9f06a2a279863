import type { Metadata } from 'next';
import { ActivityCard } from '@/components/security/ActivityCard';
import { ChangePasswordCard } from '@/components/security/ChangePasswordCard';
import { MfaCard } from '@/components/security/MfaCard';
import { SessionsCard } from '@/components/security/SessionsCard';

export const metadata: Metadata = { title: 'Security' };

export default function SecurityPage() {
  return (
    <>
      <div className="page-header">
        <h1>Security</h1>
        <p>Your password, two-factor authentication and where you are signed in.</p>
      </div>
      <ChangePasswordCard />
      <MfaCard />
      <SessionsCard />
      <ActivityCard />
    </>
  );
}
