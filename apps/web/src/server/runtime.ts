import 'server-only';
import { RUNTIME_KEY, type SharedRuntime } from './runtime-key';

/** The runtime that `server/main.ts` started, shared with the pages it renders. */
export function getRuntime(): SharedRuntime {
  const shared = (globalThis as Record<symbol, unknown>)[RUNTIME_KEY] as SharedRuntime | undefined;
  if (!shared) {
    throw new Error('Roster was not started through its server: run `pnpm start` (or `pnpm dev`).');
  }
  return shared;
}
