import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { UserDetail } from '@/components/admin/UserDetail';

export const metadata: Metadata = { title: 'User' };

export default async function AdminUserPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const userId = Number(id);
  if (!/^[1-9][0-9]{0,15}$/.test(id) || !Number.isSafeInteger(userId)) notFound();
  return <UserDetail id={userId} />;
}
