import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { UserDetail } from '@/components/admin/UserDetail';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.userPage');
  return { title: t('title') };
}

export default async function AdminUserPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const userId = Number(id);
  if (!/^[1-9][0-9]{0,15}$/.test(id) || !Number.isSafeInteger(userId)) notFound();
  return <UserDetail id={userId} />;
}
