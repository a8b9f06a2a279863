import type { Services } from '@roster/users';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { batchTooLargeResponse, limitRequestBody, MAX_BATCH_SIZE } from './body-limit';
import { createContextInner } from './context';
import { createCookieJar } from './cookies';
import { appRouter } from './root';

export { servePhoto } from './photo-route';

/** Set by Roster's own HTTP server from the socket and TRUSTED_PROXIES; any client copy is overwritten. */
export const CLIENT_IP_HEADER = 'x-roster-client-ip';

export interface HttpOptions {
  services: Services;
  secure: boolean;
  endpoint?: string;
  onInternalError?: (error: unknown, path: string | undefined) => void;
}

/** Serves the tRPC router over the Fetch API (Next route handlers, tests). */
export async function handleTrpcRequest(req: Request, options: HttpOptions): Promise<Response> {
  const endpoint = options.endpoint ?? '/api/trpc';
  const tooMany = batchTooLargeResponse(req, endpoint);
  if (tooMany) return tooMany;
  const limited = await limitRequestBody(req, endpoint);
  if (limited instanceof Response) return limited;
  const response = await fetchRequestHandler({
    endpoint,
    req: limited,
    router: appRouter,
    maxBatchSize: MAX_BATCH_SIZE,
    createContext: ({ resHeaders }) =>
      createContextInner({
        services: options.services,
        meta: {
          ip: req.headers.get(CLIENT_IP_HEADER),
          userAgent: req.headers.get('user-agent'),
        },
        origin: req.headers.get('origin'),
        secure: options.secure,
        cookies: createCookieJar(
          req.headers.get('cookie'),
          (value) => {
            resHeaders.append('Set-Cookie', value);
          },
          options.secure,
        ),
        setHeader: (name, value) => {
          resHeaders.set(name, value);
        },
      }),
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        options.onInternalError?.(error.cause ?? error, path);
      }
    },
  });
  // Errors raised before a procedure runs (bad content type, mixed batch) come back as text/plain
  // although their body is the same JSON error shape; label them as what they are.
  if (response.headers.get('content-type')?.startsWith('text/plain')) {
    response.headers.set('content-type', 'application/json');
  }
  return response;
}
