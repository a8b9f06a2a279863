import net from 'node:net';
import type { IncomingMessage } from 'node:http';
import {
  createTestServices,
  GOOD_PASSWORD,
  solidImage,
  type TestServices,
} from '@roster/users/testing';
import { createUser, PHOTO_MAX_BYTES, PHOTO_MESSAGES, UsersCreate } from '@roster/users';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BODY_LIMIT, UPLOAD_BODY_LIMIT } from '../src/node';
import { type ApiServer, startApiServer } from './api-server';

let s: TestServices;
let server: ApiServer;
let cookie: string;
/** Body bytes the server's handler took from the request it is answering (read, not discarded). */
let pulled = 0;

/** Counts the body data a request hands to whoever listens: what the handler pulled. */
function countPulled(req: IncomingMessage): void {
  pulled = 0;
  const emit = req.emit.bind(req);
  req.emit = ((event: string | symbol, ...args: unknown[]) => {
    if (event === 'data' && req.listenerCount('data') > 0) {
      pulled += (args[0] as Buffer).length;
    }
    return emit(event, ...args);
  }) as typeof req.emit;
}

beforeAll(async () => {
  s = await createTestServices();
  server = await startApiServer(s, false, { observe: countPulled });
  await createUser(
    s,
    UsersCreate.parse({
      name: 'Up Loader',
      username: 'uploader',
      email: 'up@example.com',
      password: GOOD_PASSWORD,
    }),
  );
  const login = await server.call('auth.login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'uploader', password: GOOD_PASSWORD }),
  });
  cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  expect(cookie).toMatch(/^roster_session=/);
});
afterAll(async () => {
  await server.close();
  await s.destroy();
});

const CHUNK = 64 * 1024;

/**
 * A client on a raw socket: sends the head, then (chunked, unless `declared` is given) body
 * chunks until the answer arrives or `total` is sent. Resolves with the answer's status line,
 * headers and body, and how much was sent.
 */
async function rawPost(
  path: string,
  options: { contentType: string; declared?: number; total: number },
): Promise<{ status: number; body: string; sent: number }> {
  const socket = net.connect(server.port, '127.0.0.1');
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  let answer = '';
  socket.on('data', (data: Buffer) => {
    answer += data.toString('utf8');
  });
  const head = [
    `POST /api/trpc/${path} HTTP/1.1`,
    'Host: roster.test',
    `Cookie: ${cookie}`,
    `Content-Type: ${options.contentType}`,
    options.declared === undefined
      ? 'Transfer-Encoding: chunked'
      : `Content-Length: ${options.declared}`,
  ];
  socket.write(`${head.join('\r\n')}\r\n\r\n`);
  const chunk = Buffer.alloc(CHUNK, 0x61);
  let sent = 0;
  const answered = () => answer.includes('\r\n\r\n') && /\r\n0\r\n\r\n$|}$/.test(answer);
  while (!answered() && sent < options.total && options.declared === undefined) {
    socket.write(`${chunk.length.toString(16)}\r\n`);
    socket.write(chunk);
    socket.write('\r\n');
    sent += chunk.length;
    await new Promise((resolve) => setImmediate(resolve));
  }
  for (let i = 0; i < 500 && !answered(); i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  socket.destroy();
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
  const bodyStart = answer.indexOf('{');
  return { status, body: answer.slice(bodyStart, answer.lastIndexOf('}') + 1), sent };
}

function upload(body: NonNullable<RequestInit['body']>, headers: Record<string, string> = {}) {
  return server.call('me.uploadPhoto', {
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
    const answer = await rawPost('me.uploadPhoto', {
      contentType: 'multipart/form-data; boundary=x',
      declared: gigabyte,
      total: 0,
    });
    expect(answer.status).toBe(413);
    const error = (JSON.parse(answer.body) as ErrorBody).error;
    expect(error).toMatchObject({
      message: PHOTO_MESSAGES.tooLarge,
      data: { code: 'PAYLOAD_TOO_LARGE', httpStatus: 413, path: 'me.uploadPhoto', field: 'file' },
    });
    // Answered from the head alone: not a byte of the body was sent, let alone read.
    expect(answer.sent).toBe(0);
    expect(pulled).toBeLessThanOrEqual(CHUNK);
  });

  it('reads a body without Content-Length only up to the cap', async () => {
    const answer = await rawPost('me.uploadPhoto', {
      contentType: 'multipart/form-data; boundary=x',
      total: 1024 * 1024 * 1024,
    });
    expect(answer.status).toBe(413);
    expect((JSON.parse(answer.body) as ErrorBody).error.data.code).toBe('PAYLOAD_TOO_LARGE');
    expect(pulled).toBeGreaterThan(UPLOAD_BODY_LIMIT);
    expect(pulled).toBeLessThanOrEqual(UPLOAD_BODY_LIMIT + 2 * CHUNK);
  });

  it('caps every other call at 1 MB, declared or not', async () => {
    const big = JSON.stringify({ username: 'x'.repeat(DEFAULT_BODY_LIMIT), password: 'p' });
    const declared = await server.call('auth.login', {
      method: 'POST',
      body: big,
      headers: { 'content-type': 'application/json' },
    });
    const streamed = await rawPost('auth.login', {
      contentType: 'application/json',
      total: big.length,
    });
    for (const error of [await errorOf(declared), (JSON.parse(streamed.body) as ErrorBody).error]) {
      expect(error.message).toBe('This request is too large.');
      expect(error.data).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', field: null });
    }
    expect(declared.status).toBe(413);
    expect(streamed.status).toBe(413);
  });

  it('lets a photo within the cap through, with or without Content-Length', async () => {
    const png = await solidImage('png', 64, 64);
    const form = () => {
      const data = new FormData();
      data.append('file', new File([new Uint8Array(png)], 'me.png', { type: 'image/png' }));
      return data;
    };
    // FormData bodies go out chunked, as a browser's streamed upload would.
    let response = await upload(form());
    expect(response.status).toBe(200);
    const body = (await response.json()) as { result: { data: { photoUrl: string } } };
    expect(body.result.data.photoUrl).toMatch(/^\/api\/photos\/[a-f0-9]{32}\.webp$/);

    const encoded = new Request('http://x/', { method: 'POST', body: form() });
    const contentType = encoded.headers.get('content-type') ?? '';
    const bytes = new Uint8Array(await encoded.arrayBuffer());
    response = await upload(bytes, {
      'content-type': contentType,
      'content-length': String(bytes.byteLength),
    });
    expect(response.status).toBe(200);
  });

  it('answers an early refusal exactly as the procedure answers a late one', async () => {
    // Just over 5 MB: within the body cap (room for framing), so the procedure itself refuses it.
    const data = new FormData();
    data.append('file', new File([new Uint8Array(PHOTO_MAX_BYTES + 1)], 'big.png'));
    const late = await errorOf(await upload(data));
    const early = (
      JSON.parse(
        (
          await rawPost('me.uploadPhoto', {
            contentType: 'multipart/form-data; boundary=x',
            declared: UPLOAD_BODY_LIMIT + 1,
            total: 0,
          })
        ).body,
      ) as ErrorBody
    ).error;
    const streamed = (
      JSON.parse(
        (
          await rawPost('me.uploadPhoto', {
            contentType: 'multipart/form-data; boundary=x',
            total: 64 * 1024 * 1024,
          })
        ).body,
      ) as ErrorBody
    ).error;
    const { stack: _lateStack, ...lateData } = late.data;
    const { stack: _earlyStack, ...earlyData } = early.data;
    const { stack: _streamedStack, ...streamedData } = streamed.data;
    expect({ ...early, data: earlyData }).toEqual({ ...late, data: lateData });
    expect({ ...streamed, data: streamedData }).toEqual({ ...late, data: lateData });
    expect(late.data.httpStatus).toBe(413);
  });
});
