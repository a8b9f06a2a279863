import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { AppShell } from '@/components/shell/AppShell';
import { getSignedInUser } from '@/server/caller';

export const dynamic = 'force-dynamic';

/** Every page in here needs a live session; without one the visitor is sent to sign in. */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const me = await getSignedInUser();
  if (!me) {
    const path = (await headers()).get('x-roster-pathname') ?? '/settings/profile';
    redirect(`/login?next=${encodeURIComponent(path)}`);
  }
  return <AppShell initialMe={me}>{children}</AppShell>;
}
