import 'server-only';
import { appRouter, createCallerFactory, createContextInner } from '@roster/api';
import { CLIENT_IP_HEADER } from '@roster/api/http';
import { cookies, headers } from 'next/headers';
import { getRuntime } from './runtime';

const createCaller = createCallerFactory(appRouter);

/**
 * The tRPC router called from a server component, with the request's cookies. Server components
 * cannot set cookies, so this caller only reads (pages go through the API like any client).
 */
export async function serverCaller() {
  const runtime = getRuntime();
  const [cookieStore, headerStore] = await Promise.all([cookies(), headers()]);
  return createCaller(
    createContextInner({
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
    }),
  );
}

/** The signed-in user, or null. */
export async function getSignedInUser() {
  const caller = await serverCaller();
  try {
    return await caller.me.get();
  } catch {
    return null;
  }
}
