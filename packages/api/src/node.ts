import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type ApiKeyCaller,
  authenticateApiKey,
  DomainError,
  getOwnPhoto,
  getPhotoForViewer,
  Throttled,
  InvalidInput,
  LANGUAGE_COOKIE,
  type RequestMeta,
  requestLanguage,
  type Services,
} from '@roster/users';
import { resolveResponse } from '@trpc/server/http';
import { getErrorShape } from '@trpc/server/unstable-core-do-not-import';
import { parse as parseCookies } from 'cookie';
import { bearerToken, createContextInner } from './context';
import { cookieNames, createCookieJar } from './cookies';
import { CLIENT_IP_HEADER } from './headers';
import { answerProviderRoute, providerRoute } from './provider-routes';
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

/**
 * Who is asking: the address the server resolved, the browser and the page language. A call with
 * an API key reads no cookie, the language cookie neither (docs/api.md §13).
 */
function requestMeta(req: IncomingMessage): RequestMeta {
  const withKey = bearerToken(headerValue(req.headers.authorization)) !== null;
  return {
    ip: headerValue(req.headers[CLIENT_IP_HEADER]),
    userAgent: headerValue(req.headers['user-agent']),
    language: requestLanguage({
      cookie: withKey
        ? undefined
        : parseCookies(headerValue(req.headers.cookie) ?? '')[LANGUAGE_COOKIE],
      acceptLanguage: headerValue(req.headers['accept-language']),
    }),
  };
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
 * Serves the API from a plain Node HTTP server, before Next: `/api/trpc` through tRPC's resolver,
 * `/api/health` and `/api/photos/<name>`. Resolves to false for any other path, which
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
    let body: Uint8Array<ArrayBuffer> | undefined;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      // A body without Content-Length is read only up to the cap.
      const read = await readBody(req, limit);
      if (read === null) {
        sendError(res, path, tooLargeError(path), 413);
        return;
      }
      body = read;
    }
    const response = await resolveResponse({
      router: appRouter,
      req: toFetchRequest(req, res, url, body),
      path,
      maxBatchSize: MAX_BATCH_SIZE,
      error: null,
      createContext: () =>
        Promise.resolve(
          createContextInner({
            services,
            meta: requestMeta(req),
            origin: headerValue(req.headers.origin),
            authorization: headerValue(req.headers.authorization),
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
        ),
      onError({ error, path: failedPath }) {
        if (error.code === 'INTERNAL_SERVER_ERROR') {
          options.onInternalError?.(error.cause ?? error, failedPath);
        }
      },
    });
    await writeResponse(res, response);
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
    const apiKey = bearerToken(headerValue(req.headers.authorization));
    let photo: Buffer | null;
    if (apiKey !== null) {
      // A key (`me:read`) fetches its owner's own photo; a wrong one is refused like any key call.
      const caller = await photoKeyCaller(req, res, apiKey);
      if (!caller) return;
      photo = name ? await getOwnPhoto(services, caller, name) : null;
    } else {
      const token = parseCookies(headerValue(req.headers.cookie) ?? '')[names.session];
      photo = name ? await getPhotoForViewer(services, name, token) : null;
    }
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

  /** The caller of a photo request made with a key, or null once a refusal has been sent. */
  async function photoKeyCaller(
    req: IncomingMessage,
    res: ServerResponse,
    apiKey: string,
  ): Promise<ApiKeyCaller | null> {
    try {
      return await authenticateApiKey(services, apiKey, requestMeta(req));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error instanceof Throttled) res.setHeader('retry-after', String(error.retryAfterSeconds));
      res.statusCode = error instanceof Throttled ? 429 : 401;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.setHeader('cache-control', 'no-store');
      res.end(error.message);
      return null;
    }
  }

  /** `/api/auth/oidc/<slug>/start` and `/callback`: always a redirect (see provider-routes). */
  async function serveProviderRoute(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    route: NonNullable<ReturnType<typeof providerRoute>>,
  ): Promise<void> {
    const location = await answerProviderRoute(
      {
        services,
        meta: requestMeta(req),
        cookieNames: names,
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
      },
      route,
      url.searchParams,
    );
    res.statusCode = 302;
    res.setHeader('location', location);
    res.setHeader('referrer-policy', 'no-referrer');
    res.end();
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
    const provider = providerRoute(url.pathname);
    if (provider && req.method === 'GET') {
      await serveProviderRoute(req, res, url, provider);
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
 * Reads a request body, stopping as soon as it passes `limit` (null then). The rest is left
 * unread rather than the connection torn down, so the client still gets the 413; the server
 * discards what is left once the answer is out.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) {
        cleanUp();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanUp();
      const whole = new Uint8Array(total);
      let offset = 0;
      for (const chunk of chunks) {
        whole.set(chunk, offset);
        offset += chunk.length;
      }
      resolve(whole);
    };
    const onError = (error: Error) => {
      cleanUp();
      reject(error);
    };
    const cleanUp = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/**
 * The Fetch request tRPC's resolver reads. Built by hand rather than with tRPC's Node adapter,
 * whose streamed request and response cost about ten times the call itself: the body is already
 * read (and capped), and the signal aborts only if the client goes away before the answer.
 */
function toFetchRequest(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  body: Uint8Array<ArrayBuffer> | undefined,
): Request {
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  return new Request(url, {
    method: req.method ?? 'GET',
    headers,
    signal: controller.signal,
    ...(body ? { body } : {}),
  });
}

/**
 * Writes tRPC's answer in one go. Errors raised before a procedure runs (a bad content type, a
 * mixed batch) come back as text/plain although their body is the same JSON error shape: they
 * are labelled as what they are.
 */
async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  res.statusCode = response.status;
  for (const [name, value] of response.headers) {
    if (name === 'set-cookie') continue;
    res.setHeader(
      name,
      name === 'content-type' && value.startsWith('text/plain') ? 'application/json' : value,
    );
  }
  res.setHeader('content-length', body.byteLength);
  res.end(body);
}

function headerValue(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}
