import type { Metadata } from 'next';
import { PrivacyForm } from '@/components/profile/PrivacyForm';

export const metadata: Metadata = { title: 'Privacy' };

export default function PrivacyPage() {
  return (
    <>
      <div className="page-header">
        <h1>Privacy</h1>
        <p>Choose who sees your activities and which of their details.</p>
      </div>
      <PrivacyForm />
    </>
  );
}
