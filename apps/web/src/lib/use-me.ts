'use client';

import type { UsersMe } from '@roster/users/schemas';
import { createContext, useContext } from 'react';
import { trpc } from './trpc';

/** The user the server rendered the page for; `useMe` keeps it fresh after edits. */
export const InitialMeContext = createContext<UsersMe | null>(null);

export function useMe(): UsersMe {
  const initial = useContext(InitialMeContext);
  if (!initial) throw new Error('useMe outside a signed-in page');
  const query = trpc.me.get.useQuery(undefined, { initialData: initial });
  return query.data;
}
