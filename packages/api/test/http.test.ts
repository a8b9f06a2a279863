import { createTestServices, GOOD_PASSWORD, type TestServices } from '@roster/users/testing';
import { createUser, UsersCreate } from '@roster/users';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_IP_HEADER } from '../src/node';
import { type ApiServer, startApiServer } from './api-server';

let s: TestServices;
let server: ApiServer;
let secureServer: ApiServer;
beforeAll(async () => {
  s = await createTestServices();
  server = await startApiServer(s);
  secureServer = await startApiServer(s, true);
  await createUser(
    s,
    UsersCreate.parse({
      name: 'H',
      username: 'http',
      email: 'h@example.com',
      password: GOOD_PASSWORD,
    }),
  );
});
afterAll(async () => {
  await server.close();
  await secureServer.close();
  await s.destroy();
});

const call = (path: string, init: RequestInit = {}) => server.call(path, init);

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  call(path, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

describe('the HTTP wire format', () => {
  it('answers queries over GET with plain JSON, no transformer', async () => {
    const response = await call('serverSettings.getPublic');
    expect(response.status).toBe(200);
    const body = (await response.json()) as { result: { data: { signupEnabled: boolean } } };
    expect(body.result.data.signupEnabled).toBe(false);
  });

  it('sets an HttpOnly, SameSite=Lax session cookie on login', async () => {
    const response = await post(
      'auth.login',
      JSON.stringify({ username: 'http', password: GOOD_PASSWORD }),
    );
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^roster_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain('Secure');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('uses __Host- and Secure cookies when the app is served over https', async () => {
    const response = await secureServer.call('auth.login', {
      method: 'POST',
      body: JSON.stringify({ username: 'http', password: GOOD_PASSWORD }),
      headers: { 'content-type': 'application/json' },
    });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^__Host-roster_session=/);
    expect(cookie).toContain('Secure');
  });

  it('answers a validation failure with 400, the field, and the flattened zod issues', async () => {
    const response = await post(
      'auth.signup',
      JSON.stringify({
        name: 'x',
        username: 'bad name',
        email: 'x@example.com',
        password: GOOD_PASSWORD,
      }),
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      error: {
        message: string;
        data: {
          code: string;
          httpStatus: number;
          field: string;
          zodError: { fieldErrors: Record<string, string[]> };
          issues: unknown[];
        };
      };
    };
    expect(body.error.data).toMatchObject({
      code: 'BAD_REQUEST',
      httpStatus: 400,
      field: 'username',
    });
    expect(body.error.data.zodError.fieldErrors.username).toEqual([
      'Username may contain only letters, digits and dots.',
    ]);
    expect(body.error.message).toBe('Username may contain only letters, digits and dots.');
    // The same failure as facts, for clients that word it in another language.
    expect(body.error.data.issues).toEqual([
      { path: 'username', code: 'invalid_format', origin: 'string', format: 'regex' },
    ]);
  });

  it.each([
    ['malformed JSON', () => post('auth.login', '{"username":')],
    ['a JSON array', () => post('auth.login', '[1,2]')],
    ['an empty body', () => post('auth.login', '')],
    [
      'a wrong content type',
      () =>
        call('auth.login', {
          method: 'POST',
          body: 'username=x',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        }),
    ],
    ['an unknown procedure', () => call('auth.nothing')],
    ['a mutation over GET', () => call('auth.login?input=%7B%7D')],
    ['a query over POST', () => post('me.get', '{}')],
    ['a broken input parameter', () => call('serverSettings.getPublic?input=%7Bnope')],
    [
      'a huge password',
      () => post('auth.login', JSON.stringify({ username: 'http', password: 'x'.repeat(100_000) })),
    ],
    [
      'a batch of garbage',
      () =>
        call('auth.login,me.get?batch=1', {
          method: 'POST',
          body: '{"0":1}',
          headers: { 'content-type': 'application/json' },
        }),
    ],
  ])('never answers 500 to %s', async (_label, send) => {
    const response = await send();
    expect(response.status).toBeLessThan(500);
    expect(response.headers.get('content-type')).toContain('application/json');
  });

  it('changes nothing on GET: a mutation over GET is refused with 405', async () => {
    const before = await s.db.selectFrom('sessions').select('id').execute();
    const input = encodeURIComponent(JSON.stringify({ username: 'http', password: GOOD_PASSWORD }));
    const response = await call(`auth.login?input=${input}`);
    expect(response.status).toBe(405);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(await s.db.selectFrom('sessions').select('id').execute()).toEqual(before);
  });

  it('refuses a mutation from a foreign Origin with 403', async () => {
    const response = await post(
      'auth.login',
      JSON.stringify({ username: 'http', password: GOOD_PASSWORD }),
      {
        origin: 'https://evil.example',
      },
    );
    expect(response.status).toBe(403);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('takes the client IP from Roster’s own header', async () => {
    await post('auth.login', JSON.stringify({ username: 'http', password: 'Wrong-1-password' }), {
      [CLIENT_IP_HEADER]: '203.0.113.77',
    });
    const events = await s.db
      .selectFrom('securityEvents')
      .select(['event', 'ip'])
      .where('event', '=', 'login_failed')
      .execute();
    expect(events.at(-1)).toEqual({ event: 'login_failed', ip: '203.0.113.77' });
  });
});
