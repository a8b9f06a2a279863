import type { AppRouter } from '@roster/api';
import {
  createTRPCClient,
  httpBatchLink,
  httpLink,
  isNonJsonSerializable,
  splitLink,
  type TRPCClient,
  TRPCClientError,
} from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

export type { AppRouter };
/** Every procedure's input, by path: `RouterInputs['admin']['users']['list']`. */
export type RouterInputs = inferRouterInputs<AppRouter>;
/** Every procedure's answer, by path: `RouterOutputs['me']['get']`. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export interface RosterClientOptions {
  /** Roster's address (its APP_URL), e.g. `https://roster.example.com`. */
  url: string;
  /** A personal API key (`rst_…`), made on the security page. */
  apiKey: string;
  /** Another `fetch` (a proxy agent, a test double); the global one by default. */
  fetch?: typeof fetch;
}

/** A client of the whole router: `client.admin.users.list.query({ filter: 'pending_approval' })`. */
export type RosterClient = TRPCClient<AppRouter>;

/** At most this many calls go in one request: the server refuses larger batches. */
const MAX_BATCH = 10;

/**
 * A typed client of Roster's whole API, authenticated by an API key: every call is
 * `client.<path>.query(input)` or `.mutate(input)`, with the inputs and answers of the router
 * itself. Calls made in the same tick go in one batch; a photo upload (FormData) goes alone.
 */
export function createRosterClient(options: RosterClientOptions): RosterClient {
  const url = new URL('/api/trpc', options.url).toString();
  const headers = () => ({ authorization: `Bearer ${options.apiKey}` });
  const transport = options.fetch ? { fetch: options.fetch } : {};
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => isNonJsonSerializable(op.input),
        true: httpLink({ url, headers, ...transport }),
        false: httpBatchLink({ url, headers, maxItems: MAX_BATCH, ...transport }),
      }),
    ],
  });
}

/** An error answer of Roster, with its stable code (`error.data.rosterCode`). */
export type RosterError = TRPCClientError<AppRouter>;

export function isRosterError(error: unknown): error is RosterError {
  return error instanceof TRPCClientError;
}

/** The stable code of a failed call (`SCOPE_MISSING`, `API_KEY_INVALID`, …), or null. */
export function rosterCodeOf(error: unknown): string | null {
  return isRosterError(error) ? (error.data?.rosterCode ?? null) : null;
}
