import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRuntime, loadConfig, type Runtime } from '@roster/users/server';
import { createEmptyPostgresDatabase, TEST_POSTGRES_URL } from '@roster/users/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, UsersCreate } from '@roster/users';
import { createApiHandler } from '../src/node';

const ADMIN = { username: 'shared', email: 'shared@example.com', password: 'Shared-Admin-Pass-1' };

/** One Roster instance: its own runtime (pool, hasher, mailer) behind its own HTTP server. */
async function startInstance(databaseUrl: string, dataDir: string) {
  const runtime: Runtime = createRuntime(
    loadConfig({
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      BCRYPT_COST: '4',
      SECRET_KEY: 's'.repeat(40),
      INITIAL_ADMIN_USERNAME: ADMIN.username,
      INITIAL_ADMIN_EMAIL: ADMIN.email,
      INITIAL_ADMIN_PASSWORD: ADMIN.password,
    }),
    { logger: { info: () => undefined, warn: () => undefined, error: () => undefined } },
  );
  await runtime.start();
  const handle = createApiHandler({ services: runtime.services, secure: false });
  const server = http.createServer((req, res) => {
    void handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    runtime,
    async stop() {
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
      await runtime.stop();
    },
  };
}

describe.runIf(TEST_POSTGRES_URL)('two app instances on one PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createEmptyPostgresDatabase>>;
  let instances: Awaited<ReturnType<typeof startInstance>>[] = [];
  let dataDir: string;

  beforeAll(async () => {
    database = await createEmptyPostgresDatabase();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-two-'));
    // Both start at once on the empty database: migrations and the first admin happen once.
    instances = await Promise.all([
      startInstance(database.url, path.join(dataDir, 'a')),
      startInstance(database.url, path.join(dataDir, 'b')),
    ]);
  });
  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const login = (instance: { url: string }, password: string, username = ADMIN.username) =>
    fetch(`${instance.url}/api/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-roster-client-ip': '198.51.100.50' },
      body: JSON.stringify({ username, password }),
    });

  it('share sessions: signed in on one, known on the other, and signed out on both at once', async () => {
    const [a, b] = instances;
    if (!a || !b) throw new Error('instances did not start');
    const signedIn = await login(a, ADMIN.password);
    expect(signedIn.status).toBe(200);
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const me = (instance: { url: string }) =>
      fetch(`${instance.url}/api/trpc/me.get`, { headers: { cookie } });
    expect((await me(b)).status).toBe(200);
    const logout = await fetch(`${b.url}/api/trpc/auth.logout`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
    });
    expect(logout.status).toBe(200);
    expect((await me(a)).status).toBe(401);
  });

  it('share the sign-in throttle: failures on either count on both', async () => {
    const [a, b] = instances;
    if (!a || !b) throw new Error('instances did not start');
    for (const instance of [a, b, a, b, a]) {
      expect((await login(instance, 'Wrong-pass-1')).status).toBe(401);
    }
    const refused = await login(b, ADMIN.password);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await login(a, ADMIN.password)).status).toBe(429);
  });

  it('30 wrong sign-ins at once, split over both instances: at most 5 judged', async () => {
    const [a, b] = instances;
    if (!a || !b) throw new Error('instances did not start');
    const { services } = a.runtime;
    await createUser(
      services,
      UsersCreate.parse({
        name: 'Split',
        username: 'split',
        email: 'split@example.com',
        password: ADMIN.password,
      }),
    );
    const statuses = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const response = await login(i % 2 === 0 ? a : b, 'Wrong-pass-1', 'split');
        return response.status;
      }),
    );
    const judged = statuses.filter((status) => status === 401).length;
    expect(judged).toBeGreaterThan(0);
    expect(judged).toBeLessThanOrEqual(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(30 - judged);
    expect((await login(a, ADMIN.password, 'split')).status).toBe(429);
    expect((await login(b, ADMIN.password, 'split')).status).toBe(429);
  });
});
