import {
  createTestServices,
  GOOD_PASSWORD,
  solidImage,
  type TestServices,
} from '@roster/users/testing';
import { createUser, PHOTO_MAX_BYTES, PHOTO_MESSAGES, UsersCreate } from '@roster/users';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BODY_LIMIT, UPLOAD_BODY_LIMIT } from '../src/body-limit';
import { handleTrpcRequest } from '../src/http';

let s: TestServices;
let cookie: string;

beforeAll(async () => {
  s = await createTestServices();
  await createUser(
    s,
    UsersCreate.parse({
      name: 'Up Loader',
      username: 'uploader',
      email: 'up@example.com',
      password: GOOD_PASSWORD,
    }),
  );
  const login = await send(
    new Request('http://roster.test/api/trpc/auth.login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'uploader', password: GOOD_PASSWORD }),
    }),
  );
  cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  expect(cookie).toMatch(/^roster_session=/);
});
afterAll(async () => {
  await s.destroy();
});

function send(req: Request): Promise<Response> {
  return handleTrpcRequest(req, { services: s, secure: false });
}

const CHUNK = 64 * 1024;

/** A body of `total` bytes that counts how much of it anyone pulled. */
function countingBody(total: number) {
  const state = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= total) {
        controller.close();
        return;
      }
      const size = Math.min(CHUNK, total - state.pulled);
      state.pulled += size;
      controller.enqueue(new Uint8Array(size).fill(0x61));
    },
  });
  return { stream, state };
}

function upload(
  body: NonNullable<RequestInit['body']>,
  headers: Record<string, string> = {},
): Request {
  return new Request('http://roster.test/api/trpc/me.uploadPhoto', {
    method: 'POST',
    body,
    headers: { cookie, ...headers },
    duplex: 'half',
  });
}

interface ErrorBody {
  error: {
    message: string;
    code: number;
    data: {
      code: string;
      httpStatus: number;
      path: string | null;
      field: string | null;
      stack?: string;
    };
  };
}

async function errorOf(response: Response): Promise<ErrorBody['error']> {
  expect(response.headers.get('content-type')).toContain('application/json');
  return ((await response.json()) as ErrorBody).error;
}

describe('the request body cap', () => {
  it('refuses an upload whose Content-Length is over the cap without reading the body', async () => {
    const gigabyte = 1024 * 1024 * 1024;
    const { stream, state } = countingBody(gigabyte);
    const response = await send(
      upload(stream, {
        'content-type': 'multipart/form-data; boundary=x',
        'content-length': String(gigabyte),
      }),
    );
    expect(response.status).toBe(413);
    const error = await errorOf(response);
    expect(error).toMatchObject({
      message: PHOTO_MESSAGES.tooLarge,
      data: { code: 'PAYLOAD_TOO_LARGE', httpStatus: 413, path: 'me.uploadPhoto', field: 'file' },
    });
    // At most what the stream buffers by itself before anyone reads.
    expect(state.pulled).toBeLessThanOrEqual(CHUNK);
  });

  it('reads a body without Content-Length only up to the cap', async () => {
    const { stream, state } = countingBody(1024 * 1024 * 1024);
    const response = await send(
      upload(stream, { 'content-type': 'multipart/form-data; boundary=x' }),
    );
    expect(response.status).toBe(413);
    expect((await errorOf(response)).data.code).toBe('PAYLOAD_TOO_LARGE');
    expect(state.pulled).toBeGreaterThan(UPLOAD_BODY_LIMIT);
    expect(state.pulled).toBeLessThanOrEqual(UPLOAD_BODY_LIMIT + 2 * CHUNK);
  });

  it('caps every other call at 1 MB, declared or not', async () => {
    const big = JSON.stringify({ username: 'x'.repeat(DEFAULT_BODY_LIMIT), password: 'p' });
    const declaredOrNot: Record<string, string>[] = [
      { 'content-type': 'application/json', 'content-length': String(big.length) },
      { 'content-type': 'application/json' },
    ];
    for (const headers of declaredOrNot) {
      const { stream } = countingBody(big.length);
      const response = await send(
        new Request('http://roster.test/api/trpc/auth.login', {
          method: 'POST',
          body: stream,
          headers,
          duplex: 'half',
        }),
      );
      expect(response.status).toBe(413);
      const error = await errorOf(response);
      expect(error.message).toBe('This request is too large.');
      expect(error.data).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', field: null });
    }
  });

  it('lets a photo within the cap through, with or without Content-Length', async () => {
    const png = await solidImage('png', 64, 64);
    const form = () => {
      const data = new FormData();
      data.append('file', new File([new Uint8Array(png)], 'me.png', { type: 'image/png' }));
      return data;
    };
    // FormData bodies go out chunked, as a browser's streamed upload would.
    let response = await send(upload(form()));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { result: { data: { photoUrl: string } } };
    expect(body.result.data.photoUrl).toMatch(/^\/api\/photos\/[a-f0-9]{32}\.webp$/);

    const encoded = new Request('http://x/', { method: 'POST', body: form() });
    const contentType = encoded.headers.get('content-type') ?? '';
    const bytes = new Uint8Array(await encoded.arrayBuffer());
    response = await send(
      upload(bytes, { 'content-type': contentType, 'content-length': String(bytes.byteLength) }),
    );
    expect(response.status).toBe(200);
  });

  it('answers an early refusal exactly as the procedure answers a late one', async () => {
    // Just over 5 MB: within the body cap (room for framing), so the procedure itself refuses it.
    const data = new FormData();
    data.append('file', new File([new Uint8Array(PHOTO_MAX_BYTES + 1)], 'big.png'));
    const late = await errorOf(await send(upload(data)));
    const early = await errorOf(
      await send(
        upload('x', {
          'content-type': 'multipart/form-data; boundary=x',
          'content-length': String(UPLOAD_BODY_LIMIT + 1),
        }),
      ),
    );
    const { stack: _lateStack, ...lateData } = late.data;
    const { stack: _earlyStack, ...earlyData } = early.data;
    expect({ ...early, data: earlyData }).toEqual({ ...late, data: lateData });
    expect(late.data.httpStatus).toBe(413);
  });
});
