import 'server-only';
import type { UsersMe } from '@roster/users/schemas';
import { CLIENT_IP_HEADER } from '@roster/api/headers';
import { cookies, headers } from 'next/headers';
import { cache } from 'react';
import { getRuntime } from './runtime';

/**
 * The router called from a server component, with the request's cookies. Server components
 * cannot set cookies, so this caller only reads (pages go through the API like any client).
 */
export async function serverCaller() {
  const { runtime, createCaller } = getRuntime();
  const [cookieStore, headerStore] = await Promise.all([cookies(), headers()]);
  return createCaller({
    services: runtime.services,
    meta: { ip: headerStore.get(CLIENT_IP_HEADER), userAgent: headerStore.get('user-agent') },
    origin: null,
    secure: runtime.config.secure,
    cookies: {
      get: (name) => cookieStore.get(name)?.value,
      set: () => undefined,
      clear: () => undefined,
    },
    setHeader: () => undefined,
  });
}

/**
 * The signed-in user, read once per request however many layouts and pages ask; null when
 * signed out. Any other failure is not "signed out": it propagates to the error page.
 */
export const getSignedInUser = cache(async (): Promise<UsersMe | null> => {
  const caller = await serverCaller();
  try {
    return await caller.me.get();
  } catch (error) {
    if (errorCodeOf(error) === 'UNAUTHORIZED') return null;
    throw error;
  }
});

/**
 * The tRPC code of an error the in-process router threw, or undefined for any other failure. Read
 * from the error itself: the router runs the server's copy of tRPC, so `instanceof` against this
 * bundle's copy would never match.
 */
export function errorCodeOf(error: unknown): string | undefined {
  if (!(error instanceof Error) || error.name !== 'TRPCError') return undefined;
  const { code } = error as Error & { code?: unknown };
  return typeof code === 'string' ? code : undefined;
}
