import { type ContextOptions, createContextInner } from './context';
import { appRouter } from './root';
import { createCallerFactory } from './trpc';

const createCaller = createCallerFactory(appRouter);

/**
 * The router called in-process (server-rendered pages), with the same context and middleware as
 * an HTTP call: one code path, whoever asks.
 */
export function createServerCaller(options: ContextOptions) {
  return createCaller(createContextInner(options));
}

export type ServerCaller = ReturnType<typeof createServerCaller>;
