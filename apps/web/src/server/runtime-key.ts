import type { ServerCaller } from '@roster/api';
import type { ContextOptions } from '@roster/api';
import type { Runtime } from '@roster/users/server';

/** Where the HTTP server leaves the running Roster runtime for the pages it hands to Next. */
export const RUNTIME_KEY = Symbol.for('roster.runtime');

/**
 * What the server shares with the pages: its runtime (one database pool, one hash queue, one
 * mail sender) and its router, called in-process, so the pages carry no second copy of either.
 */
export interface SharedRuntime {
  runtime: Runtime;
  createCaller: (options: ContextOptions) => ServerCaller;
}
