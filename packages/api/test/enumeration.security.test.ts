import { createTestServices, tokenFromMail, type TestServices } from '@roster/users/testing';
import { createUser, totpCode, UsersCreate, type PasswordHasher } from '@roster/users';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import { startApiServer } from './api-server';
import { Browser, expectCode, GOOD_PASSWORD } from './harness';

/** Wraps the hasher to count what a sign-in computes. */
function countingHasher(inner: PasswordHasher) {
  const calls = { verify: 0, dummy: 0 };
  const hasher: PasswordHasher = {
    hash: (password) => inner.hash(password),
    verify: (password, hash) => {
      calls.verify += 1;
      return inner.verify(password, hash);
    },
    verifyDummy: (password) => {
      calls.dummy += 1;
      return inner.verifyDummy(password);
    },
    close: () => inner.close(),
  };
  return { hasher, calls };
}

describe('what an outsider can learn', () => {
  let s: TestServices;
  beforeEach(async () => {
    s = await createTestServices();
    await createUser(
      s,
      UsersCreate.parse({
        name: 'K',
        username: 'known',
        email: 'known@example.com',
        password: GOOD_PASSWORD,
      }),
    );
  });
  afterEach(async () => {
    await s.destroy();
  });

  it('an unknown username costs one bcrypt computation, like a wrong password', async () => {
    const { hasher, calls } = countingHasher(s.hasher);
    const browser = new Browser({ ...s, hasher });
    const unknown = await expectCode(
      browser.api.auth.login({ username: 'nobody', password: 'Whatever-1' }),
      'UNAUTHORIZED',
    );
    // The dummy verification is a real bcrypt computation against a throwaway hash.
    expect(calls).toEqual({ verify: 0, dummy: 1 });
    const wrong = await expectCode(
      browser.api.auth.login({ username: 'known', password: 'Whatever-1' }),
      'UNAUTHORIZED',
    );
    expect(calls).toEqual({ verify: 1, dummy: 1 });
    expect(unknown.message).toBe(wrong.message);
    expect(unknown.message).toBe('Incorrect username or password.');
  });

  it('links in emails come from APP_URL, never from the Host header', async () => {
    const server = await startApiServer(s);
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const request = http.request(
        {
          host: '127.0.0.1',
          port: server.port,
          method: 'POST',
          path: '/api/trpc/auth.requestPasswordReset',
          headers: {
            'content-type': 'application/json',
            host: 'evil.example',
            'x-forwarded-host': 'evil.example',
          },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode);
        },
      );
      request.on('error', reject);
      request.end(JSON.stringify({ email: 'known@example.com' }));
    });
    await server.close();
    expect(status).toBe(200);
    await s.settle();
    const [mail] = await s.outbox();
    expect(mail?.text).toContain('http://roster.test/reset-password?token=');
    expect(`${mail?.text ?? ''}${mail?.html ?? ''}`).not.toContain('evil.example');
  });

  it('email tokens are stored only as SHA-256', async () => {
    const browser = new Browser(s);
    await browser.api.auth.requestPasswordReset({ email: 'known@example.com' });
    await s.settle();
    const token = tokenFromMail((await s.outbox())[0] ?? { text: '' }, '/reset-password');
    const rows = await s.db.selectFrom('emailTokens').select(['tokenHash']).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('the security log never holds a password, token or code', async () => {
    const browser = new Browser(s);
    await expectCode(
      browser.api.auth.login({ username: 'known', password: 'Secret-Wrong-1' }),
      'UNAUTHORIZED',
    );
    await browser.signIn('known');
    const { secret } = await browser.api.mfa.setup();
    const code = await totpCode(secret, s.clock.now());
    const { backupCodes } = await browser.api.mfa.enable({ code, password: GOOD_PASSWORD });
    await browser.api.auth.requestPasswordReset({ email: 'known@example.com' });
    await s.settle();
    const token = tokenFromMail((await s.outbox()).at(-1) ?? { text: '' }, '/reset-password');
    await browser.api.auth.resetPassword({ token, password: 'Another-Pass-42' });
    const log = JSON.stringify(await s.db.selectFrom('securityEvents').selectAll().execute());
    for (const secretValue of [
      'Secret-Wrong-1',
      GOOD_PASSWORD,
      'Another-Pass-42',
      secret,
      code,
      token,
      ...backupCodes,
    ]) {
      expect(log).not.toContain(secretValue);
    }
    expect(log).toContain('password_reset');
    expect(log).toContain('mfa_enabled');
  });
});
