import { createUser, UsersCreate } from '@roster/users';
import { createTestServices, GOOD_PASSWORD, type TestServices } from '@roster/users/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../src/root';
import { type ApiServer, startApiServer } from './api-server';

/**
 * Every procedure, called through the real HTTP handler with inputs nobody meant to send, by an
 * anonymous caller and by a signed-in administrator: the answer is always a client error or a
 * success in JSON, never a 5xx (no 500 for anything a client can send).
 */
const PROCEDURES = Object.entries(
  appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>,
).map(([path, procedure]) => ({ path, type: procedure._def.type }));

const HOSTILE: unknown[] = [
  null,
  {},
  [],
  '',
  'x',
  0,
  -1,
  1e300,
  true,
  { id: 'x' },
  { id: 1e20 },
  { id: -5, sessionId: 'nope' },
  { __proto__: { accessType: 'admin' }, name: 'p' },
  { constructor: { prototype: { admin: true } } },
  { username: 'a\u0000b', password: 'x'.repeat(10_000) },
  { email: '💥@example.com', stepUp: { password: null, code: {} } },
  { token: 'x'.repeat(500) },
  { code: ['123456'] },
  { search: '%_\\'.repeat(100), pageNumber: 1e9, numRecords: 0 },
  JSON.parse('{"a":'.repeat(500) + '1' + '}'.repeat(500)) as unknown,
];

let s: TestServices;
let server: ApiServer;
let adminCookie: string;

async function call(path: string, type: string, input: unknown, cookie?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (cookie) headers.cookie = cookie;
  const encoded = input === undefined ? '' : JSON.stringify(input);
  return type === 'query'
    ? server.call(`${path}${encoded ? `?input=${encodeURIComponent(encoded)}` : ''}`, { headers })
    : server.call(path, { method: 'POST', headers, body: encoded });
}

beforeAll(async () => {
  s = await createTestServices();
  server = await startApiServer(s);
  await createUser(
    s,
    UsersCreate.parse({
      name: 'Fuzz Admin',
      username: 'fuzzadmin',
      email: 'fuzz@example.com',
      password: GOOD_PASSWORD,
      accessType: 'admin',
    }),
  );
  const login = await call('auth.login', 'mutation', {
    username: 'fuzzadmin',
    password: GOOD_PASSWORD,
  });
  adminCookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  expect(adminCookie).toMatch(/^roster_session=/);
});
afterAll(async () => {
  await server.close();
  await s.destroy();
});

describe('no input gets a 5xx from any procedure', () => {
  it('covers the whole router', () => {
    expect(PROCEDURES.length).toBeGreaterThan(40);
  });

  it.each(PROCEDURES)('$path ($type)', async ({ path, type }) => {
    for (const cookie of [undefined, adminCookie]) {
      for (const input of [undefined, ...HOSTILE]) {
        const response = await call(path, type, input, cookie);
        expect(
          response.status,
          `${path} ${input === undefined ? 'without input' : JSON.stringify(input).slice(0, 80)}`,
        ).toBeLessThan(500);
        expect(response.headers.get('content-type')).toContain('application/json');
      }
      await fc.assert(
        fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), async (input) => {
          const response = await call(path, type, input, cookie);
          return response.status < 500;
        }),
        { numRuns: 15 },
      );
    }
  });
});
