import { limitHasher } from '@roster/users';
import { createTestServices, GOOD_PASSWORD, type TestServices } from '@roster/users/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ApiServer, startApiServer } from './api-server';
import { createHarness, expectRosterCode, type Harness } from './harness';

interface ErrorBody {
  error: { message: string; data: { rosterCode: string; httpStatus: number } };
}

describe('a tRPC batch holds at most 10 calls (README › Security)', () => {
  let s: TestServices;
  let server: ApiServer;
  beforeEach(async () => {
    s = await createTestServices();
    server = await startApiServer(s);
  });
  afterEach(async () => {
    await server.close();
    await s.destroy();
  });

  const batch = (paths: string[], init: RequestInit = {}, query = '') =>
    server.call(`${paths.join(',')}?batch=1${query}`, init);
  const logins = (n: number) => Array.from({ length: n }, () => 'auth.login');
  const body = (n: number) =>
    JSON.stringify(
      Object.fromEntries(
        Array.from({ length: n }, (_, i) => [i, { username: 'nobody', password: 'x' }]),
      ),
    );

  it('refuses a POST batch of 11 as a whole, before any call runs', async () => {
    const response = await batch(logins(11), {
      method: 'POST',
      body: body(11),
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(400);
    const answer = (await response.json()) as ErrorBody;
    expect(answer.error.data.rosterCode).toBe('BATCH_TOO_LARGE');
    expect(answer.error.message).toMatch(/at most 10/);
    // Nothing was judged or recorded.
    expect(await s.db.selectFrom('throttleEvents').select('id').execute()).toEqual([]);
    expect(await s.db.selectFrom('securityEvents').select('id').execute()).toEqual([]);
  });

  it('refuses a GET batch of 11 too, and a batch of 1,000', async () => {
    const input = encodeURIComponent(JSON.stringify({}));
    const get = await batch(
      Array.from({ length: 11 }, () => 'serverSettings.getPublic'),
      {},
      `&input=${input}`,
    );
    expect(get.status).toBe(400);
    expect(((await get.json()) as ErrorBody).error.data.rosterCode).toBe('BATCH_TOO_LARGE');
    const huge = await batch(logins(1000), {
      method: 'POST',
      body: body(1000),
      headers: { 'content-type': 'application/json' },
    });
    expect(huge.status).toBe(400);
    expect(await s.db.selectFrom('throttleEvents').select('id').execute()).toEqual([]);
  });

  it('answers a batch of 10', async () => {
    const response = await batch(Array.from({ length: 10 }, () => 'serverSettings.getPublic'));
    expect(response.status).toBe(200);
    expect((await response.json()) as unknown[]).toHaveLength(10);
  });
});

describe('the hash queue is bounded and sheds load', () => {
  let h: Harness;
  let running = 0;
  let peak = 0;
  const waiting: (() => void)[] = [];

  beforeEach(async () => {
    h = await createHarness();
    for (let i = 0; i < 10; i += 1) await h.createUser({ username: `busy${i}` });
    running = 0;
    peak = 0;
    // A slow hasher: each verification waits until the test lets it finish.
    h.s.hasher = limitHasher(
      {
        hash: (password) => Promise.resolve(`hash:${password}`),
        verify: () => {
          running += 1;
          peak = Math.max(peak, running);
          return new Promise<boolean>((resolve) => {
            waiting.push(() => {
              running -= 1;
              resolve(false);
            });
          });
        },
      },
      { concurrency: 1, maxQueue: 2 },
    );
  });
  afterEach(async () => {
    await h.destroy();
  });

  it('a queue of 2 behind 1 thread: the rest are BUSY with Retry-After and count nothing', async () => {
    const browsers = Array.from({ length: 10 }, (_, i) => h.browser(`198.51.100.${i + 1}`));
    const calls = browsers.map((browser, i) =>
      browser.api.auth.login({ username: `busy${i}`, password: GOOD_PASSWORD }),
    );
    const busy: number[] = [];
    const settled = Promise.allSettled(calls).then((results) =>
      results.map((result, i) => {
        if (result.status === 'rejected') {
          const cause = (result.reason as { cause?: { code?: string } }).cause;
          if (cause?.code === 'BUSY') busy.push(i);
          return cause?.code;
        }
        return 'OK';
      }),
    );
    // Let the three admitted ones finish, one at a time.
    for (let done = 0; done < 3; done += 1) {
      while (waiting.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      waiting.shift()?.();
    }
    const answers = await settled;
    expect(answers.filter((code) => code === 'INVALID_CREDENTIALS')).toHaveLength(3);
    expect(busy).toHaveLength(7);
    expect(peak).toBe(1);
    for (const i of busy) expect(browsers[i]?.headers.get('retry-after')).toMatch(/^\d+$/);
    // Only the three judged attempts are on record (an account and a network row each).
    expect(await h.s.db.selectFrom('throttleEvents').select('id').execute()).toHaveLength(6);
  });

  it('a refused sign-in can be tried again once the queue has room', async () => {
    const admitted = Promise.allSettled(
      ['busy0', 'busy1', 'busy2'].map((username) =>
        h.browser().api.auth.login({ username, password: 'x' }),
      ),
    );
    await expectRosterCode(
      h.browser().api.auth.login({ username: 'busy3', password: 'x' }),
      'BUSY',
    );
    for (let done = 0; done < 3; done += 1) {
      while (waiting.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      waiting.shift()?.();
    }
    await admitted;
    const fourth = h.browser().api.auth.login({ username: 'busy3', password: 'x' });
    while (waiting.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    waiting.shift()?.();
    await expectRosterCode(fourth, 'INVALID_CREDENTIALS');
  });
});
