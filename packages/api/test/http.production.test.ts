import { createTestServices, type TestServices } from '@roster/users/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Loaded after NODE_ENV is set, as in a production server.
vi.stubEnv('NODE_ENV', 'production');
const { handleTrpcRequest } = await import('../src/http');

let s: TestServices;
beforeAll(async () => {
  s = await createTestServices();
});
afterAll(async () => {
  await s.destroy();
});

describe('errors in production', () => {
  it('carry no stack trace, file path or SQL', async () => {
    // Break the database underneath the router to force an unexpected failure.
    await s.db.schema.dropTable('server_settings').execute();
    const responses = await Promise.all([
      handleTrpcRequest(new Request('http://roster.test/api/trpc/serverSettings.getPublic'), {
        services: s,
        secure: false,
      }),
      handleTrpcRequest(
        new Request('http://roster.test/api/trpc/auth.signup', {
          method: 'POST',
          body: '{"name":1}',
          headers: { 'content-type': 'application/json' },
        }),
        { services: s, secure: false },
      ),
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
