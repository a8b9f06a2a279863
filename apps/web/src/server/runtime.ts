import 'server-only';
import type { Runtime } from '@roster/users/server';
import { RUNTIME_KEY } from './runtime-key';

/**
 * The runtime that `server/main.ts` started (database, mail sender, hasher). Route handlers share
 * it instead of opening their own, so the process has one connection pool and one hash queue.
 */
export function getRuntime(): Runtime {
  const runtime = (globalThis as Record<symbol, unknown>)[RUNTIME_KEY] as Runtime | undefined;
  if (!runtime) {
    throw new Error('Roster was not started through its server: run `pnpm start` (or `pnpm dev`).');
  }
  return runtime;
}
