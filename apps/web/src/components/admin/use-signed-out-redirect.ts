'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';

/**
 * After acting on their own account (new password, ending their session, deactivating or deleting
 * themself) an admin has no session left: forget cached data and start again at sign-in.
 */
export function useSignedOutRedirect(): () => void {
  const router = useRouter();
  const queryClient = useQueryClient();
  return () => {
    queryClient.clear();
    router.replace('/login');
    router.refresh();
  };
}
