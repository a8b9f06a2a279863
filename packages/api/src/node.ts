import type { IncomingMessage, ServerResponse } from 'node:http';
import { type DomainError, getPhotoForViewer, InvalidInput, type Services } from '@roster/users';
import { nodeHTTPRequestHandler } from '@trpc/server/adapters/node-http';
import { getErrorShape } from '@trpc/server/unstable-core-do-not-import';
import { parse as parseCookies } from 'cookie';
import { createContextInner } from './context';
import { cookieNames, createCookieJar } from './cookies';
import { CLIENT_IP_HEADER } from './headers';
import { bodyLimitFor, MAX_BATCH_SIZE, tooLargeError } from './limits';
import { appRouter } from './root';
import { toTRPCError } from './trpc';

export { CLIENT_IP_HEADER } from './headers';
export { DEFAULT_BODY_LIMIT, MAX_BATCH_SIZE, UPLOAD_BODY_LIMIT } from './limits';

const TRPC_PREFIX = '/api/trpc/';
const PHOTO_PREFIX = '/api/photos/';

export interface ApiOptions {
  services: Services;
  /** https: cookies are Secure and __Host- prefixed. */
  secure: boolean;
  onInternalError?: (error: unknown, path: string | undefined) => void;
}

/** Headers every API answer carries besides the security headers of the server. */
function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.setHeader('cache-control', 'no-store');
  res.setHeader('content-length', Buffer.byteLength(text));
  res.end(text);
}

/**
 * The same JSON a procedure answers when it throws this error (tRPC's error shape through
 * Roster's formatter), for refusals made before tRPC runs, so clients cannot tell them apart.
 */
function sendError(res: ServerResponse, path: string, error: DomainError, status: number): void {
  const shape = getErrorShape({
    config: appRouter._def._config,
    error: toTRPCError(error),
    type: 'unknown',
    path: path || undefined,
    input: undefined,
    ctx: undefined,
  });
  sendJson(res, status, { error: shape });
}

function procedurePath(pathname: string): string {
  try {
    return decodeURIComponent(pathname.slice(TRPC_PREFIX.length));
  } catch {
    return '';
  }
}

/**
 * Serves the API from a plain Node HTTP server, before Next: `/api/trpc` through tRPC's Node
 * adapter, `/api/health` and `/api/photos/<name>`. Resolves to false for any other path, which
 * the caller hands to the pages. Refusals that cost nothing to decide (a batch over 10 calls, a
 * declared body over its cap) are answered before tRPC reads a byte.
 */
export function createApiHandler(options: ApiOptions) {
  const { services, secure } = options;
  const names = cookieNames(secure);

  async function serveTrpc(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = procedurePath(url.pathname);
    if (url.searchParams.get('batch') === '1' && path.split(',').length > MAX_BATCH_SIZE) {
      sendError(
        res,
        '',
        new InvalidInput(
          `A batch holds at most ${MAX_BATCH_SIZE} calls. Send the rest in another request.`,
          undefined,
          'BATCH_TOO_LARGE',
        ),
        400,
      );
      return;
    }
    const limit = bodyLimitFor(path);
    const declared = req.headers['content-length'];
    // The HTTP parser holds a body to its declared length; one over the cap is never read. What
    // is left unread is discarded by the server once the answer is out, without a reset.
    if (declared !== undefined && Number(declared) > limit) {
      sendError(res, path, tooLargeError(path), 413);
      return;
    }
    labelErrorsAsJson(res);
    await nodeHTTPRequestHandler({
      router: appRouter,
      req,
      res,
      path,
      maxBatchSize: MAX_BATCH_SIZE,
      // A body without Content-Length is read only up to the cap.
      maxBodySize: limit,
      createContext: () =>
        createContextInner({
          services,
          meta: {
            ip: headerValue(req.headers[CLIENT_IP_HEADER]),
            userAgent: headerValue(req.headers['user-agent']),
          },
          origin: headerValue(req.headers.origin),
          secure,
          cookies: createCookieJar(
            headerValue(req.headers.cookie),
            (value) => {
              res.appendHeader('set-cookie', value);
            },
            secure,
          ),
          setHeader: (name, value) => {
            res.setHeader(name, value);
          },
        }),
      onError({ error, path: failedPath }) {
        if (error.code === 'INTERNAL_SERVER_ERROR') {
          options.onInternalError?.(error.cause ?? error, failedPath);
        }
      },
    });
  }

  /**
   * `/api/photos/<name>`: to any signed-in user, or to anyone while the owner's profile is
   * public. Every refusal is the same 404, so the answer never tells whether a photo exists.
   */
  async function servePhoto(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    let name = '';
    try {
      name = decodeURIComponent(url.pathname.slice(PHOTO_PREFIX.length));
    } catch {
      // Not a name the server ever gives out.
    }
    const token = parseCookies(headerValue(req.headers.cookie) ?? '')[names.session];
    const photo = name ? await getPhotoForViewer(services, name, token) : null;
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('cross-origin-resource-policy', 'same-origin');
    // Never kept: after signing out, a browser must not show a photo it could no longer fetch.
    res.setHeader('cache-control', 'no-store');
    if (!photo) {
      res.statusCode = 404;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end('Not found.');
      return;
    }
    res.statusCode = 200;
    res.setHeader('content-type', 'image/webp');
    res.setHeader('content-length', photo.byteLength);
    res.setHeader('content-security-policy', "default-src 'none'; sandbox");
    res.end(photo);
  }

  return async function handleApi(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://roster.invalid');
    if (url.pathname === '/api/health') {
      // For load balancers and container health checks: answers without touching the database.
      sendJson(res, 200, { status: 'ok' });
      return true;
    }
    if (url.pathname.startsWith(TRPC_PREFIX)) {
      await serveTrpc(req, res, url);
      return true;
    }
    if (url.pathname.startsWith(PHOTO_PREFIX) && (req.method === 'GET' || req.method === 'HEAD')) {
      await servePhoto(req, res, url);
      return true;
    }
    return false;
  };
}

/**
 * Errors raised before a procedure runs (a bad content type, a mixed batch) come back from tRPC
 * as text/plain although their body is the same JSON error shape: label them as what they are.
 */
function labelErrorsAsJson(res: ServerResponse): void {
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name: string, value: number | string | readonly string[]) =>
    setHeader(
      name,
      name.toLowerCase() === 'content-type' && String(value).startsWith('text/plain')
        ? 'application/json'
        : value,
    );
}

function headerValue(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}
