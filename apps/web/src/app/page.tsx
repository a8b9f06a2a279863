import { redirect } from 'next/navigation';
import { getSignedInUser } from '@/server/caller';

export const dynamic = 'force-dynamic';

export default async function Home() {
  const user = await getSignedInUser();
  redirect(user ? '/settings/profile' : '/login');
}
