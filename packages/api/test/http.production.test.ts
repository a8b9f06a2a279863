import { createTestServices, type TestServices } from '@roster/users/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Loaded after NODE_ENV is set, as in a production server.
vi.stubEnv('NODE_ENV', 'production');
const { startApiServer } = await import('./api-server');

let s: TestServices;
let server: Awaited<ReturnType<typeof startApiServer>>;
beforeAll(async () => {
  s = await createTestServices();
  server = await startApiServer(s);
});
afterAll(async () => {
  await server.close();
  await s.destroy();
});

describe('errors in production', () => {
  it('carry no stack trace, file path or SQL', async () => {
    // Break the database underneath the router to force an unexpected failure.
    await s.db.schema.dropTable('server_settings').execute();
    const responses = await Promise.all([
      server.call('serverSettings.getPublic'),
      server.call('auth.signup', {
        method: 'POST',
        body: '{"name":1}',
        headers: { 'content-type': 'application/json' },
      }),
    ]);
    const [internal, invalid] = responses;
    expect(internal.status).toBe(500);
    expect(invalid.status).toBe(400);
    for (const response of responses) {
      const text = await response.text();
      expect(text).not.toMatch(
        /stack|\.ts:|node_modules|\/work\/|select |from "|server_settings|SqliteError/i,
      );
    }
  });
});
