import type { Metadata } from 'next';
import { ServerSettingsForm } from '@/components/admin/ServerSettingsForm';

export const metadata: Metadata = { title: 'Server settings' };

export default function AdminSettingsPage() {
  return (
    <>
      <div className="page-header">
        <h1>Server settings</h1>
        <p>Who may sign up, what a password must be, and the defaults for everyone.</p>
      </div>
      <ServerSettingsForm />
    </>
  );
}
