import {
  type DomainError,
  InvalidInput,
  PayloadTooLarge,
  PHOTO_MAX_BYTES,
  PHOTO_MESSAGES,
} from '@roster/users';
import { getErrorShape } from '@trpc/server/unstable-core-do-not-import';
import { appRouter } from './root';
import { toTRPCError } from './trpc';

/** Room for the multipart framing around a photo: boundaries, part headers, a long file name. */
const MULTIPART_OVERHEAD = 64 * 1024;

/** A photo upload: the 5 MB photo plus its framing. The procedure checks the file itself. */
export const UPLOAD_BODY_LIMIT = PHOTO_MAX_BYTES + MULTIPART_OVERHEAD;
/** Every other call is a few fields of JSON; a megabyte is generous and bounds what is buffered. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

const UPLOAD_PATHS = new Set(['me.uploadPhoto']);

/** The procedure path(s) a request addresses: `/api/trpc/me.get` → `me.get`. */
export function procedurePath(req: Request, endpoint: string): string {
  const { pathname } = new URL(req.url);
  const prefix = `${endpoint}/`;
  if (!pathname.startsWith(prefix)) return '';
  try {
    return decodeURIComponent(pathname.slice(prefix.length));
  } catch {
    return '';
  }
}

export function bodyLimitFor(path: string): number {
  return UPLOAD_PATHS.has(path) ? UPLOAD_BODY_LIMIT : DEFAULT_BODY_LIMIT;
}

/** At most this many calls in one tRPC batch (docs/api.md): each call may cost a bcrypt hash. */
export const MAX_BATCH_SIZE = 10;

/**
 * The same JSON a procedure answers when it throws this error (tRPC's error shape through
 * Roster's formatter), so clients need not tell an early refusal from a late one.
 */
export function errorResponse(path: string, error: DomainError, status: number): Response {
  const shape = getErrorShape({
    config: appRouter._def._config,
    error: toTRPCError(error),
    type: 'unknown',
    path: path || undefined,
    input: undefined,
    ctx: undefined,
  });
  return new Response(JSON.stringify({ error: shape }), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });
}

export function payloadTooLargeResponse(path: string): Response {
  const error = UPLOAD_PATHS.has(path)
    ? new PayloadTooLarge(PHOTO_MESSAGES.tooLarge)
    : new PayloadTooLarge('This request is too large.', 'REQUEST_TOO_LARGE');
  return errorResponse(path, error, 413);
}

/**
 * A batch of more than MAX_BATCH_SIZE calls is answered as a whole, before any call runs (GET and
 * POST alike): a batch of a thousand sign-ins would be a thousand hashes in one request.
 */
export function batchTooLargeResponse(req: Request, endpoint: string): Response | null {
  const url = new URL(req.url);
  if (url.searchParams.get('batch') !== '1') return null;
  const path = procedurePath(req, endpoint);
  if (path.split(',').length <= MAX_BATCH_SIZE) return null;
  return errorResponse(
    '',
    new InvalidInput(
      `A batch holds at most ${MAX_BATCH_SIZE} calls. Send the rest in another request.`,
      undefined,
      'BATCH_TOO_LARGE',
    ),
    400,
  );
}

function concat(chunks: Uint8Array[], total: number): Uint8Array<ArrayBuffer> {
  const whole = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return whole;
}

/**
 * Reads a body of unknown length, stopping as soon as it passes `limit`. The rest is left unread
 * rather than cancelled: cancelling would tear down the connection, and the client could then
 * lose the 413 before reading it. The HTTP server discards what is left once the answer is out.
 */
async function readAtMost(
  body: ReadableStream<Uint8Array>,
  limit: number,
): Promise<Uint8Array<ArrayBuffer> | null> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return concat(chunks, total);
      total += value.byteLength;
      if (total > limit) return null;
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
}

/**
 * Caps the request body before tRPC buffers it (tRPC reads JSON and FormData bodies whole). A
 * declared Content-Length over the cap is refused without reading a byte; a body without one is
 * read only up to the cap. Returns the request to go on with, or the 413 to send.
 */
export async function limitRequestBody(
  req: Request,
  endpoint: string,
): Promise<Request | Response> {
  if (req.body === null) return req;
  const path = procedurePath(req, endpoint);
  const limit = bodyLimitFor(path);
  const declared = req.headers.get('content-length')?.trim();
  // The HTTP parser holds a body to its declared length, so within the cap it can go on as is.
  if (declared && /^\d+$/.test(declared)) {
    return Number(declared) > limit ? payloadTooLargeResponse(path) : req;
  }
  const body = await readAtMost(req.body, limit);
  if (body === null) return payloadTooLargeResponse(path);
  return new Request(req.url, {
    method: req.method,
    headers: req.headers,
    body,
    signal: req.signal,
  });
}
