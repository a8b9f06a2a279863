import {
  type ApiKeyScope,
  createApiKey,
  LIMITS,
  MAX_API_KEYS_PER_USER,
  type UsersRead,
} from '@roster/users';
import { DIALECTS, GOOD_PASSWORD, solidImage } from '@roster/users/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLIENT_IP_HEADER } from '../src/node';
import { type ApiServer, startApiServer } from './api-server';
import { createHarness, fillApiKeys, type Harness } from './harness';

// API keys over real HTTP (docs/api.md §13): what a script, a hostile page and a key guesser get.

interface ErrorBody {
  error: { data: { rosterCode: string; httpStatus: number } };
}

describe.each(DIALECTS)('API keys over HTTP on %s', (dialect) => {
  let h: Harness;
  let server: ApiServer;
  let user: UsersRead;
  let cookie: string;

  beforeEach(async () => {
    h = await createHarness(dialect);
    server = await startApiServer(h.s);
    const signedIn = await h.signedIn({ username: 'kim', email: 'kim@example.com' });
    user = signedIn.user;
    cookie = `roster_session=${signedIn.browser.cookies.get('roster_session') ?? ''}`;
  });
  afterEach(async () => {
    await server.close();
    await h.destroy();
  });

  const newKey = async (scopes: ApiKeyScope[]) =>
    (
      await createApiKey(
        h.s,
        user,
        { ip: null, userAgent: null },
        {
          name: 'Script',
          scopes,
          expiresInDays: null,
          stepUp: { password: GOOD_PASSWORD },
        },
      )
    ).key;

  const headers = (
    key: string | null,
    ip = '198.51.100.1',
    extra: Record<string, string> = {},
  ) => ({
    'content-type': 'application/json',
    [CLIENT_IP_HEADER]: ip,
    ...(key === null ? {} : { authorization: `Bearer ${key}` }),
    ...extra,
  });

  const getMe = (key: string | null, ip?: string, extra?: Record<string, string>) =>
    server.call('me.get', { headers: headers(key, ip, extra) });

  const rosterCode = async (response: Response) =>
    ((await response.json()) as ErrorBody).error.data.rosterCode;

  it('a key call skips the Origin check; a cookie call from a foreign page does not', async () => {
    const key = await newKey(['me:write']);
    const body = JSON.stringify({ city: 'Lisbon' });
    const foreign = { origin: 'https://evil.example' };
    const withKey = await server.call('me.update', {
      method: 'POST',
      body,
      headers: headers(key, undefined, foreign),
    });
    expect(withKey.status).toBe(200);
    const withCookie = await server.call('me.update', {
      method: 'POST',
      body: JSON.stringify({ city: 'Porto' }),
      headers: headers(null, undefined, { ...foreign, cookie }),
    });
    expect(withCookie.status).toBe(403);
    expect(await rosterCode(withCookie)).toBe('FOREIGN_ORIGIN');
    expect((await h.s.db.selectFrom('users').select('city').executeTakeFirst())?.city).toBe(
      'Lisbon',
    );
  });

  it('never sets or reads a cookie, and answers no-store', async () => {
    const key = await newKey(['me:read']);
    const ok = await getMe(key, undefined, { cookie });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('set-cookie')).toBeNull();
    expect(ok.headers.get('cache-control')).toBe('no-store');
    // A cookie-only procedure called with a key and the session cookie: the cookie is not read.
    const sessions = await server.call('me.sessions.list', {
      headers: headers(key, undefined, { cookie }),
    });
    expect(sessions.status).toBe(403);
    expect(await rosterCode(sessions)).toBe('SCOPE_MISSING');
    const login = await server.call('auth.login', {
      method: 'POST',
      body: JSON.stringify({ username: 'kim', password: GOOD_PASSWORD }),
      headers: headers(key),
    });
    expect(login.status).toBe(403);
    expect(login.headers.get('set-cookie')).toBeNull();
  });

  it('reads not even the language cookie: a sign-up made with a key takes the header’s language', async () => {
    await h.s.settings({ signupEnabled: true });
    const key = await newKey(['me:read']);
    const signup = (username: string, extra: Record<string, string>) =>
      server.call('auth.signup', {
        method: 'POST',
        body: JSON.stringify({
          name: username,
          username,
          email: `${username}@example.com`,
          password: GOOD_PASSWORD,
        }),
        headers: headers(key, undefined, { cookie: 'roster_lang=fr', ...extra }),
      });
    expect((await signup('viakey', {})).status).toBe(200);
    expect((await signup('viakeyde', { 'accept-language': 'de-DE' })).status).toBe(200);
    const languages = await h.s.db
      .selectFrom('users')
      .select(['username', 'preferredLanguage'])
      .where('username', 'in', ['viakey', 'viakeyde'])
      .orderBy('username')
      .execute();
    expect(languages).toEqual([
      { username: 'viakey', preferredLanguage: 'us' },
      { username: 'viakeyde', preferredLanguage: 'de' },
    ]);
  });

  it('reads only the Bearer scheme: a proxy’s Basic credentials are not a key', async () => {
    const key = await newKey(['me:read']);
    expect(
      (await server.call('me.get', { headers: { authorization: `bearer ${key}` } })).status,
    ).toBe(200);
    const basic = await server.call('me.get', {
      headers: { authorization: 'Basic a2ltOnBhc3M=', cookie },
    });
    expect(basic.status).toBe(200);
    const anonymous = await server.call('me.get', {
      headers: { authorization: 'Basic a2ltOnBhc3M=' },
    });
    expect(anonymous.status).toBe(401);
    expect(await rosterCode(anonymous)).toBe('SIGNED_OUT');
  });

  it('counts a wrong key as a failure of the network: 50, then 429 with Retry-After', async () => {
    const key = await newKey(['me:read']);
    const ip = '198.51.100.7';
    for (let i = 0; i < LIMITS.ip.max; i += 1) {
      const response = await getMe(`rst_${'A'.repeat(42)}${String(i % 10)}`, ip);
      expect(response.status).toBe(401);
      expect(await rosterCode(response)).toBe('API_KEY_INVALID');
    }
    const refused = await getMe('rst_wrong', ip);
    expect(refused.status).toBe(429);
    expect(await rosterCode(refused)).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // The same network's password sign-ins share the lock.
    const login = await server.call('auth.login', {
      method: 'POST',
      body: JSON.stringify({ username: 'kim', password: GOOD_PASSWORD }),
      headers: headers(null, ip),
    });
    expect(login.status).toBe(429);
    // Another network is not affected; a right key is never slowed by its network's failures.
    expect((await getMe('rst_wrong', '198.51.100.8')).status).toBe(401);
    expect((await getMe(key, ip)).status).toBe(200);
  });

  it('holds the limit for wrong keys sent at once: 60 in parallel, at most 50 judged', async () => {
    const ip = '198.51.100.9';
    const responses = await Promise.all(
      Array.from({ length: 60 }, (_, i) => getMe(`rst_${String(i).padStart(43, 'x')}`, ip)),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(LIMITS.ip.max);
    expect(statuses.filter((status) => status === 429)).toHaveLength(60 - LIMITS.ip.max);
    const counted = await h.s.db.selectFrom('throttleEvents').select('id').execute();
    expect(counted).toHaveLength(LIMITS.ip.max);
  });

  it('counts a batch with a wrong key once, and 30 batches at once 30 times', async () => {
    const ip = '198.51.100.10';
    const paths = Array.from({ length: 10 }, () => 'me.get').join(',');
    const batches = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        server.call(`${paths}?batch=1&input=${encodeURIComponent('{}')}`, {
          headers: headers(`rst_${String(i).padStart(43, 'y')}`, ip),
        }),
      ),
    );
    for (const batch of batches) {
      const body = (await batch.json()) as ErrorBody[];
      expect(body).toHaveLength(10);
      expect(body.every((item) => item.error.data.rosterCode === 'API_KEY_INVALID')).toBe(true);
    }
    expect(await h.s.db.selectFrom('throttleEvents').select('id').execute()).toHaveLength(30);
  });

  it('makes one key of a batch of 10 creations for the last free place, and of 30 requests at once', async () => {
    await fillApiKeys(h.s, user.id, MAX_API_KEYS_PER_USER - 1);
    const create = (name: string) => ({
      name,
      scopes: ['me:read'],
      expiresInDays: 30,
      stepUp: { password: GOOD_PASSWORD },
    });
    const cookieHeaders = headers(null, undefined, { cookie });
    const paths = Array.from({ length: 10 }, () => 'me.apiKeys.create').join(',');
    const batch = await server.call(`${paths}?batch=1`, {
      method: 'POST',
      body: JSON.stringify(
        Object.fromEntries(Array.from({ length: 10 }, (_, i) => [i, create(`Batch ${String(i)}`)])),
      ),
      headers: cookieHeaders,
    });
    const answers = (await batch.json()) as Partial<ErrorBody>[];
    const codes = answers.map((answer) => answer.error?.data.rosterCode ?? 'OK');
    expect(codes.filter((code) => code === 'OK')).toHaveLength(1);
    expect(codes.every((code) => ['OK', 'API_KEY_LIMIT', 'ACCOUNT_LOCKED'].includes(code))).toBe(
      true,
    );

    // The owner revokes an old key: one place is free again, and 30 requests race for it.
    const old = await h.s.db
      .selectFrom('apiKeys')
      .select('id')
      .where('name', '=', 'Old 0')
      .executeTakeFirstOrThrow();
    const revoked = await server.call('me.apiKeys.revoke', {
      method: 'POST',
      body: JSON.stringify({ id: old.id }),
      headers: cookieHeaders,
    });
    expect(revoked.status).toBe(200);
    const parallel = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        server.call('me.apiKeys.create', {
          method: 'POST',
          body: JSON.stringify(create(`Parallel ${String(i)}`)),
          headers: cookieHeaders,
        }),
      ),
    );
    const statuses = parallel.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.every((status) => [200, 409, 429].includes(status))).toBe(true);
    const held = await h.s.db
      .selectFrom('apiKeys')
      .select('id')
      .where('userId', '=', user.id)
      .execute();
    expect(held).toHaveLength(MAX_API_KEYS_PER_USER);
  });

  it('serves the owner’s own photo to a me:read key, and nothing else', async () => {
    const writer = await newKey(['me:write']);
    const form = new FormData();
    form.append('file', new File([new Uint8Array(await solidImage('png', 40, 40))], 'me.png'));
    const upload = await server.call('me.uploadPhoto', {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${writer}`, origin: 'https://evil.example' },
    });
    expect(upload.status).toBe(200);
    const { photoUrl } = ((await upload.json()) as { result: { data: { photoUrl: string } } })
      .result.data;
    const reader = await newKey(['me:read']);
    const own = await server.get(photoUrl, { headers: { authorization: `Bearer ${reader}` } });
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toBe('image/webp');
    // Without me:read, or for a photo not the owner's, the same 404 as for no photo at all.
    expect(
      (await server.get(photoUrl, { headers: { authorization: `Bearer ${writer}` } })).status,
    ).toBe(404);
    const other = await h.signedIn({ username: 'lee', email: 'lee@example.com' });
    const otherPhoto = await other.browser.api.me.uploadPhoto(form);
    expect(
      (await server.get(otherPhoto.photoUrl, { headers: { authorization: `Bearer ${reader}` } }))
        .status,
    ).toBe(404);
    expect(
      (await server.get(photoUrl, { headers: { authorization: 'Bearer rst_nope' } })).status,
    ).toBe(401);
  });
});
