import type { Metadata } from 'next';
import { Suspense } from 'react';
import { UsersDashboard } from '@/components/admin/UsersDashboard';
import { Loading } from '@/components/Spinner';

export const metadata: Metadata = { title: 'Users' };

export default function AdminUsersPage() {
  return (
    <>
      <div className="page-header">
        <h1>Users</h1>
        <p>Approve sign-ups, find people and manage their accounts.</p>
      </div>
      {/* The dashboard reads its page, search and tab from the URL. */}
      <Suspense fallback={<Loading label="Loading users…" />}>
        <UsersDashboard />
      </Suspense>
    </>
  );
}
