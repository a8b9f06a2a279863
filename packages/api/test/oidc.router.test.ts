import { MINUTE, totpCode, type UsersRead } from '@roster/users';
import { DIALECTS, GOOD_PASSWORD, TEST_APP_URL } from '@roster/users/testing';
import { startTestIdp, type TestIdp } from '@roster/users/testing/oidc-provider';
import { parse as parseSetCookie } from 'cookie';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLIENT_IP_HEADER } from '../src/headers';
import { type ApiServer, startApiServer } from './api-server';
import { type Browser, createHarness, expectRosterCode, fieldOf, type Harness } from './harness';

// Sign-in through a real OpenID provider (oidc-provider, OpenID-certified) on a local port:
// Roster's routes, openid-client and the provider speak the whole protocol; nothing is stubbed.

const CALLBACK = `${TEST_APP_URL}/api/auth/oidc/test/callback`;
const CLIENT = { clientId: 'roster', clientSecret: 'roster-client-secret-0123456789' };

let idp: TestIdp;

beforeAll(async () => {
  idp = await startTestIdp({
    clients: [{ ...CLIENT, redirectUris: [CALLBACK] }],
    accounts: [
      {
        sub: 'alice-sub',
        email: 'alice@example.test',
        emailVerified: true,
        name: 'Alice Example',
        preferredUsername: 'Alice.Ex',
      },
      { sub: 'bob-sub', email: 'bob@example.test', emailVerified: false, name: 'Bob' },
      { sub: 'carol-sub', name: 'Carol without email' },
      { sub: 'dave-sub', email: 'dave@example.test', emailVerified: true, name: 'Dave' },
    ],
  });
});
afterAll(async () => {
  await idp.close();
});

describe.each(DIALECTS)('sign-in through an identity provider on %s', (dialect) => {
  let h: Harness;
  let server: ApiServer;
  let admin: Browser;
  let logs: string[];

  beforeEach(async () => {
    h = await createHarness(dialect);
    logs = [];
    const record = (line: string) => {
      logs.push(line);
    };
    Object.assign(h.s, { logger: { info: record, warn: record, error: record } });
    server = await startApiServer(h.s);
    await h.createUser({ username: 'boss', email: 'boss@example.com', accessType: 'admin' });
    admin = h.browser();
    await admin.signIn('boss');
    await h.s.settings({
      signupEnabled: true,
      signupRequireEmailVerification: false,
      signupRequireAdminApproval: false,
    });
    await admin.api.admin.identityProviders.create({
      slug: 'test',
      name: 'Test IdP',
      issuer: idp.issuer,
      ...CLIENT,
    });
  });
  afterEach(async () => {
    await server.close();
    await h.destroy();
  });

  /** An HTTP GET through the real server with the browser's cookies; answers the redirect. */
  async function visit(browser: Browser, target: string): Promise<string> {
    const url = new URL(target, server.url);
    const response = await server.get(`${url.pathname}${url.search}`, {
      redirect: 'manual',
      headers: {
        cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        // What Roster's server sets from the socket (or a trusted proxy) before the API runs.
        [CLIENT_IP_HEADER]: browser.ip,
      },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [name = '', value = ''] = Object.entries(parseSetCookie(pair))[0] ?? [];
      if (/max-age=0/i.test(line)) browser.cookies.delete(name);
      else browser.cookies.set(name, value);
    }
    expect(response.status).toBe(302);
    return response.headers.get('location') ?? '';
  }

  /** The whole round trip: start, sign in at the provider as `sub`, back to Roster's callback. */
  async function signInThrough(browser: Browser, sub: string, next = '/settings/privacy') {
    const authorization = await visit(browser, `/api/auth/oidc/test/start?next=${next}`);
    expect(authorization.startsWith(idp.issuer)).toBe(true);
    const callback = await idp.signIn(authorization, sub);
    return visit(browser, `${callback.pathname}${callback.search}`);
  }

  const me = (browser: Browser) => browser.api.me.get();
  const userCount = async () => (await admin.api.admin.users.counts({})).all;

  it('a first sign-in creates the account, a second one reuses the identity', async () => {
    const before = await userCount();
    const browser = h.browser();
    expect(await signInThrough(browser, 'alice-sub')).toBe('/settings/privacy');
    const alice = await me(browser);
    expect(alice).toMatchObject({
      username: 'alice.ex',
      name: 'Alice Example',
      email: 'alice@example.test',
      emailVerified: true,
      active: true,
      externalAuthCount: 1,
      hasPassword: false,
    });
    expect(await userCount()).toBe(before + 1);

    const again = h.browser();
    expect(await signInThrough(again, 'alice-sub', '/settings/security')).toBe(
      '/settings/security',
    );
    expect((await me(again)).id).toBe(alice.id);
    expect(await userCount()).toBe(before + 1);
    const identities = await again.api.me.identities.list();
    expect(identities).toEqual([
      {
        id: expect.any(Number) as unknown,
        provider: { slug: 'test', name: 'Test IdP' },
        email: 'alice@example.test',
        linkedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/) as unknown,
        lastUsedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/) as unknown,
      },
    ]);
    const events = await again.api.me.securityEvents();
    expect(events.map((event) => event.event)).toContain('provider_login_succeeded');
  });

  it('keeps `next` on this site', async () => {
    expect(await signInThrough(h.browser(), 'alice-sub', '//evil.example/x')).toBe(
      '/settings/profile',
    );
  });

  it('follows the sign-up policy: closed, approval, verification', async () => {
    await h.s.settings({ signupEnabled: false });
    const before = await userCount();
    expect(await signInThrough(h.browser(), 'alice-sub')).toBe('/login?error=SIGNUP_DISABLED');
    expect(await userCount()).toBe(before);

    await h.s.settings({ signupEnabled: true, signupRequireAdminApproval: true });
    expect(await signInThrough(h.browser(), 'alice-sub')).toBe(
      '/login?error=ACCOUNT_PENDING_APPROVAL',
    );
    const pending = await admin.api.admin.users.list({
      pageNumber: 1,
      numRecords: 10,
      filter: 'pending_approval',
    });
    expect(pending.records.map((user) => user.username)).toEqual(['alice.ex']);
    await h.s.settle();
    expect((await h.s.outbox()).some((mail) => mail.to === 'boss@example.com')).toBe(true);

    // An address the provider does not vouch for is confirmed by email first.
    await h.s.settings({ signupRequireAdminApproval: false });
    expect(await signInThrough(h.browser(), 'bob-sub')).toBe('/login?error=EMAIL_NOT_VERIFIED');
    await h.s.settle();
    expect((await h.s.outbox()).some((mail) => mail.to === 'bob@example.test')).toBe(true);
  });

  it('a provider that may not sign people up creates no one', async () => {
    const [provider] = await admin.api.admin.identityProviders.list();
    await admin.api.admin.identityProviders.update({ id: provider?.id ?? 0, allowSignup: false });
    expect(await signInThrough(h.browser(), 'alice-sub')).toBe('/login?error=SIGNUP_DISABLED');
  });

  it('links by email only when allowed and verified, never by an unverified one', async () => {
    const alice = await h.createUser({ username: 'alice', email: 'alice@example.test' });
    await h.createUser({ username: 'bob', email: 'bob@example.test' });
    expect(await signInThrough(h.browser(), 'alice-sub')).toBe('/login?error=ACCOUNT_EXISTS');

    const [provider] = await admin.api.admin.identityProviders.list();
    await admin.api.admin.identityProviders.update({
      id: provider?.id ?? 0,
      autoLinkVerifiedEmail: true,
    });
    expect(await signInThrough(h.browser(), 'bob-sub')).toBe('/login?error=ACCOUNT_EXISTS');
    const browser = h.browser();
    expect(await signInThrough(browser, 'alice-sub')).toBe('/settings/privacy');
    expect((await me(browser)).id).toBe(alice.id);
    expect((await me(browser)).externalAuthCount).toBe(1);

    // Told not to trust the provider's verification, even a verified email no longer links.
    await admin.api.admin.identityProviders.update({
      id: provider?.id ?? 0,
      trustEmailVerified: false,
    });
    await h.createUser({ username: 'dave', email: 'dave@example.test' });
    expect(await signInThrough(h.browser(), 'dave-sub')).toBe('/login?error=ACCOUNT_EXISTS');
  });

  it('needs an email address', async () => {
    expect(await signInThrough(h.browser(), 'carol-sub')).toBe('/login?error=EMAIL_REQUIRED');
  });

  it('refuses a cancelled sign-in, a tampered or replayed state, another browser and an expired flow', async () => {
    const browser = h.browser();
    let authorization = await visit(browser, '/api/auth/oidc/test/start');
    const denied = await idp.signIn(authorization, 'alice-sub', { deny: true });
    expect(await visit(browser, `${denied.pathname}${denied.search}`)).toBe(
      '/login?error=SIGN_IN_CANCELLED',
    );

    authorization = await visit(browser, '/api/auth/oidc/test/start');
    const callback = await idp.signIn(authorization, 'alice-sub');
    const tampered = new URL(callback);
    tampered.searchParams.set('state', 'x'.repeat(43));
    expect(await visit(browser, `${tampered.pathname}${tampered.search}`)).toBe(
      '/login?error=SIGN_IN_EXPIRED',
    );
    // Handed to someone else, the callback signs no one in (and uses the flow up).
    const stranger = h.browser('198.51.100.9');
    expect(await visit(stranger, `${callback.pathname}${callback.search}`)).toBe(
      '/login?error=SIGN_IN_FAILED',
    );
    expect(stranger.cookies.has('roster_session')).toBe(false);
    expect(await visit(browser, `${callback.pathname}${callback.search}`)).toBe(
      '/login?error=SIGN_IN_EXPIRED',
    );

    authorization = await visit(browser, '/api/auth/oidc/test/start');
    const late = await idp.signIn(authorization, 'alice-sub');
    h.s.clock.advance(11 * MINUTE);
    expect(await visit(browser, `${late.pathname}${late.search}`)).toBe(
      '/login?error=SIGN_IN_EXPIRED',
    );
    expect(browser.cookies.has('roster_session')).toBe(false);
  });

  it('refuses an ID token whose nonce is not the flow’s', async () => {
    const browser = h.browser();
    const authorization = new URL(await visit(browser, '/api/auth/oidc/test/start'));
    // The provider is asked with another nonce than the one Roster keeps for this state.
    authorization.searchParams.set('nonce', 'a-nonce-roster-never-issued');
    const callback = await idp.signIn(authorization, 'alice-sub');
    expect(await visit(browser, `${callback.pathname}${callback.search}`)).toBe(
      '/login?error=SIGN_IN_FAILED',
    );
    expect(logs.join('\n')).toMatch(/nonce/);
  });

  it('of 30 callbacks with one state at once, one signs in', async () => {
    const browser = h.browser();
    const authorization = await visit(browser, '/api/auth/oidc/test/start');
    const callback = await idp.signIn(authorization, 'alice-sub');
    const tokenRequestsBefore = idp.tokenRequests();
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, async () => {
        const copy = h.browser();
        for (const [name, value] of browser.cookies) copy.cookies.set(name, value);
        return visit(copy, `${callback.pathname}${callback.search}`);
      }),
    );
    expect(outcomes.filter((location) => location === '/settings/profile')).toHaveLength(1);
    expect(outcomes.filter((location) => location === '/login?error=SIGN_IN_EXPIRED')).toHaveLength(
      29,
    );
    expect(idp.tokenRequests() - tokenRequestsBefore).toBe(1);
    expect(await userCount()).toBe(2);
  });

  it('starts at most 30 sign-ins per 5 minutes from one network, also 40 at once', async () => {
    const browser = h.browser('198.51.100.20');
    const locations = await Promise.all(
      Array.from({ length: 40 }, () => visit(browser, '/api/auth/oidc/test/start')),
    );
    expect(locations.filter((location) => location.startsWith(idp.issuer))).toHaveLength(30);
    expect(locations.filter((location) => location === '/login?error=RATE_LIMITED')).toHaveLength(
      10,
    );
    expect(await h.s.db.selectFrom('oidcFlows').select('id').execute()).toHaveLength(30);
    h.s.clock.advance(6 * MINUTE);
    expect((await visit(browser, '/api/auth/oidc/test/start')).startsWith(idp.issuer)).toBe(true);
  });

  it('answers a flow it cannot read with a redirect, never a 5xx', async () => {
    const browser = h.browser();
    const authorization = await visit(browser, '/api/auth/oidc/test/start');
    const callback = await idp.signIn(authorization, 'alice-sub');
    await h.s.db.updateTable('oidcFlows').set({ secrets: 'v1.broken.broken.broken' }).execute();
    expect(await visit(browser, `${callback.pathname}${callback.search}`)).toBe(
      '/login?error=SIGN_IN_FAILED',
    );
    expect(await visit(browser, '/api/auth/oidc/test/callback')).toBe(
      '/login?error=SIGN_IN_FAILED',
    );
    expect(await visit(browser, '/api/auth/oidc/test/callback?state=%00&code=%ff')).toBe(
      '/login?error=SIGN_IN_EXPIRED',
    );
  });

  it('a disabled or unknown provider signs no one in', async () => {
    const browser = h.browser();
    const authorization = await visit(browser, '/api/auth/oidc/test/start');
    const callback = await idp.signIn(authorization, 'alice-sub');
    const [provider] = await admin.api.admin.identityProviders.list();
    await admin.api.admin.identityProviders.update({ id: provider?.id ?? 0, enabled: false });
    expect(await visit(browser, `${callback.pathname}${callback.search}`)).toBe(
      '/login?error=NOT_FOUND',
    );
    expect(await visit(browser, '/api/auth/oidc/test/start')).toBe('/login?error=NOT_FOUND');
    expect(await visit(browser, '/api/auth/oidc/nobody/start')).toBe('/login?error=NOT_FOUND');
    expect((await h.browser().api.serverSettings.getPublic()).identityProviders).toEqual([]);
  });

  it('sends the client secret as the provider accepts it', async () => {
    idp.acceptOnly('client_secret_post');
    try {
      expect(await signInThrough(h.browser(), 'alice-sub')).toBe('/login?error=SIGN_IN_FAILED');
      const [provider] = await admin.api.admin.identityProviders.list();
      await admin.api.admin.identityProviders.update({
        id: provider?.id ?? 0,
        tokenEndpointAuthMethod: 'client_secret_post',
      });
      expect(await signInThrough(h.browser(), 'alice-sub')).toBe('/settings/privacy');
    } finally {
      idp.acceptOnly(undefined);
    }
  });

  it('asks a user with MFA for their code after the provider', async () => {
    const user = await h.createUser({ username: 'dave', email: 'dave@example.test' });
    const browser = h.browser();
    await browser.signIn('dave');
    const setup = await browser.api.mfa.setup();
    await browser.api.mfa.enable({
      code: await totpCode(setup.secret, h.s.clock.now()),
      password: GOOD_PASSWORD,
    });
    // Each code is of a later 30-second step than the one before (a code works once).
    h.s.clock.advance(30_000);
    const { url } = await browser.api.me.identities.link({
      slug: 'test',
      stepUp: {
        password: GOOD_PASSWORD,
        code: await totpCode(setup.secret, h.s.clock.now()),
      },
    });
    const linked = await idp.signIn(url, 'dave-sub');
    expect(await visit(browser, `${linked.pathname}${linked.search}`)).toBe(
      '/settings/security?linked=test',
    );

    const fresh = h.browser();
    expect(await signInThrough(fresh, 'dave-sub', '/settings/security')).toBe(
      '/login?step=mfa&next=%2Fsettings%2Fsecurity',
    );
    expect(fresh.cookies.has('roster_session')).toBe(false);
    h.s.clock.advance(30_000);
    const done = await fresh.api.auth.verifyMfa({
      code: await totpCode(setup.secret, h.s.clock.now()),
    });
    expect(done.user.id).toBe(user.id);

    // A provider trusted for its own second factor skips Roster's.
    const [provider] = await admin.api.admin.identityProviders.list();
    await admin.api.admin.identityProviders.update({
      id: provider?.id ?? 0,
      requireLocalMfa: false,
    });
    expect(await signInThrough(h.browser(), 'dave-sub')).toBe('/settings/privacy');
  });

  describe('linking and unlinking', () => {
    let user: UsersRead;
    let browser: Browser;

    beforeEach(async () => {
      user = await h.createUser({ username: 'erin', email: 'erin@example.com' });
      browser = h.browser();
      await browser.signIn('erin');
    });

    it('links after a step-up; an identity of someone else is taken', async () => {
      await expectRosterCode(
        browser.api.me.identities.link({ slug: 'test', stepUp: {} }),
        'STEP_UP_REQUIRED',
      );
      await expectRosterCode(
        browser.api.me.identities.link({ slug: 'test', stepUp: { password: 'Wrong-pass-42' } }),
        'STEP_UP_FAILED',
      );
      const { url } = await browser.api.me.identities.link({
        slug: 'test',
        stepUp: { password: GOOD_PASSWORD },
      });
      const callback = await idp.signIn(url, 'dave-sub');
      expect(await visit(browser, `${callback.pathname}${callback.search}`)).toBe(
        '/settings/security?linked=test',
      );
      expect((await me(browser)).externalAuthCount).toBe(1);
      const events = await browser.api.me.securityEvents();
      expect(events.map((event) => event.event)).toContain('identity_linked');

      // Signing in through it is now signing in as erin.
      const elsewhere = h.browser();
      await signInThrough(elsewhere, 'dave-sub');
      expect((await me(elsewhere)).id).toBe(user.id);

      const other = h.browser();
      await h.createUser({ username: 'frank', email: 'frank@example.com' });
      await other.signIn('frank');
      const second = await other.api.me.identities.link({
        slug: 'test',
        stepUp: { password: GOOD_PASSWORD },
      });
      const taken = await idp.signIn(second.url, 'dave-sub');
      expect(await visit(other, `${taken.pathname}${taken.search}`)).toBe(
        '/settings/security?error=IDENTITY_TAKEN',
      );
    });

    it('unlinks after a step-up, never the last way to sign in', async () => {
      const { url } = await browser.api.me.identities.link({
        slug: 'test',
        stepUp: { password: GOOD_PASSWORD },
      });
      const callback = await idp.signIn(url, 'dave-sub');
      await visit(browser, `${callback.pathname}${callback.search}`);
      const [identity] = await browser.api.me.identities.list();
      const id = identity?.id ?? 0;

      // With password sign-in off, the identity is erin's only way in.
      await h.s.settings({ passwordLoginEnabled: false });
      await expectRosterCode(
        browser.api.me.identities.unlink({ id, stepUp: { password: GOOD_PASSWORD } }),
        'LAST_SIGN_IN_METHOD',
      );
      await h.s.settings({ passwordLoginEnabled: true });
      await expectRosterCode(
        browser.api.me.identities.unlink({ id, stepUp: {} }),
        'STEP_UP_REQUIRED',
      );
      // 30 at once: the password stays, the identity goes once.
      const results = await Promise.allSettled(
        Array.from({ length: 30 }, () =>
          browser.api.me.identities.unlink({ id, stepUp: { password: GOOD_PASSWORD } }),
        ),
      );
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      expect(await browser.api.me.identities.list()).toEqual([]);
      expect((await me(browser)).externalAuthCount).toBe(0);
    });

    it('refuses anonymous callers, bad input and someone else’s identity', async () => {
      const anonymous = h.browser();
      await expectRosterCode(anonymous.api.me.identities.list(), 'SIGNED_OUT');
      await expectRosterCode(
        anonymous.api.me.identities.link({ slug: 'test', stepUp: { password: GOOD_PASSWORD } }),
        'SIGNED_OUT',
      );
      await expectRosterCode(
        browser.api.me.identities.link({ slug: 'Not A Slug', stepUp: { password: GOOD_PASSWORD } }),
        'INVALID_INPUT',
      );
      await expectRosterCode(
        browser.api.me.identities.link({ slug: 'nobody', stepUp: { password: GOOD_PASSWORD } }),
        'NOT_FOUND',
      );
      const made = h.browser();
      await signInThrough(made, 'alice-sub');
      const [alices] = await made.api.me.identities.list();
      await expectRosterCode(
        browser.api.me.identities.unlink({
          id: alices?.id ?? 0,
          stepUp: { password: GOOD_PASSWORD },
        }),
        'NOT_FOUND',
      );
      expect(await made.api.me.identities.list()).toHaveLength(1);
    });

    it('an account made through the provider keeps its only identity', async () => {
      const made = h.browser();
      await signInThrough(made, 'alice-sub');
      const [identity] = await made.api.me.identities.list();
      // The fresh sign-in through the provider is the step-up; the identity is the only way in.
      await expectRosterCode(
        made.api.me.identities.unlink({ id: identity?.id ?? 0, stepUp: {} }),
        'LAST_SIGN_IN_METHOD',
      );
      expect(await made.api.me.identities.list()).toHaveLength(1);
    });

    it('an account without a password steps up by a provider sign-in of the last 10 minutes', async () => {
      const made = h.browser();
      await signInThrough(made, 'alice-sub');
      expect((await made.api.me.get()).hasPassword).toBe(false);
      const created = await made.api.me.apiKeys.create({
        name: 'Script',
        scopes: ['me:read'],
        expiresInDays: 30,
        stepUp: {},
      });
      expect(created.key).toMatch(/^rst_/);
      h.s.clock.advance(10 * MINUTE + 1000);
      const stale = await expectRosterCode(
        made.api.me.apiKeys.create({
          name: 'Later',
          scopes: ['me:read'],
          expiresInDays: 30,
          stepUp: {},
        }),
        'STEP_UP_REQUIRED',
      );
      expect(fieldOf(stale)).toBe('stepUp');
      expect(stale.cause).toMatchObject({ details: { part: 'sign_in' } });
      // A password given by someone holding the cookie is no proof for an account without one.
      await expectRosterCode(
        made.api.me.apiKeys.create({
          name: 'Later',
          scopes: ['me:read'],
          expiresInDays: 30,
          stepUp: { password: GOOD_PASSWORD },
        }),
        'STEP_UP_REQUIRED',
      );
      // Signing in through the provider again is the proof; then a first password can be set.
      const again = h.browser();
      await signInThrough(again, 'alice-sub');
      await again.api.me.changePassword({ password: 'First-Pass-word-9' });
      expect((await again.api.me.get()).hasPassword).toBe(true);
      await expectRosterCode(
        again.api.me.changePassword({ password: 'Second-Pass-word-9' }),
        'STEP_UP_REQUIRED',
      );
      expect((await made.api.me.apiKeys.list()).map((key) => key.name)).toEqual(['Script']);
    });
  });

  describe('password sign-in turned off', () => {
    it('refuses regular users only after a correct password; admins keep theirs', async () => {
      await h.createUser({ username: 'gina', email: 'gina@example.com' });
      await h.s.settings({ passwordLoginEnabled: false });
      await expectRosterCode(
        h.browser().api.auth.login({ username: 'gina', password: 'Wrong-pass-42' }),
        'INVALID_CREDENTIALS',
      );
      await expectRosterCode(
        h.browser().api.auth.login({ username: 'gina', password: GOOD_PASSWORD }),
        'PASSWORD_LOGIN_DISABLED',
      );
      await h.browser().signIn('boss');
      const settings = await h.browser().api.serverSettings.getPublic();
      expect(settings.passwordLoginEnabled).toBe(false);
      expect(settings.identityProviders).toEqual([
        { slug: 'test', name: 'Test IdP', iconUrl: null },
      ]);
    });
  });

  describe('admin.identityProviders', () => {
    it('keeps the client secret sealed and write-only', async () => {
      const [provider] = await admin.api.admin.identityProviders.list();
      expect(provider).toMatchObject({
        slug: 'test',
        hasClientSecret: true,
        tokenEndpointAuthMethod: 'client_secret_basic',
        scopes: 'openid email profile',
        redirectUri: CALLBACK,
      });
      expect(JSON.stringify(provider)).not.toContain(CLIENT.clientSecret);
      const rows = await h.s.db.selectFrom('identityProviders').select('clientSecret').execute();
      expect(JSON.stringify(rows)).not.toContain(CLIENT.clientSecret);
      expect(rows[0]?.clientSecret).toMatch(/^v1\./);

      await signInThrough(h.browser(), 'alice-sub');
      const events = await admin.api.admin.securityEvents.list({});
      const everything = JSON.stringify({ logs, events });
      expect(everything).not.toContain(CLIENT.clientSecret);
      expect(everything).not.toMatch(/code=|id_token|access_token/);
    });

    it('refuses a taken slug, a plain-http issuer elsewhere than this machine, and non-admins', async () => {
      const taken = await expectRosterCode(
        admin.api.admin.identityProviders.create({
          slug: 'test',
          name: 'Again',
          issuer: idp.issuer,
          clientId: 'x',
        }),
        'SLUG_TAKEN',
      );
      expect(taken.cause).toMatchObject({ field: 'slug' });
      await expectRosterCode(
        admin.api.admin.identityProviders.create({
          slug: 'plain',
          name: 'Plain',
          issuer: 'http://idp.example.com',
          clientId: 'x',
        }),
        'INVALID_INPUT',
      );
      await expectRosterCode(
        admin.api.admin.identityProviders.create({
          slug: 'Bad Slug',
          name: 'Bad',
          issuer: 'https://idp.example.com',
          clientId: 'x',
        }),
        'INVALID_INPUT',
      );
      const { browser: regular } = await h.signedIn();
      await expectRosterCode(regular.api.admin.identityProviders.list(), 'NOT_ALLOWED');
      await expectRosterCode(h.browser().api.admin.identityProviders.list(), 'SIGNED_OUT');
    });

    it('tests a connection and says what is wrong', async () => {
      expect(await admin.api.admin.identityProviders.test({ issuer: idp.issuer })).toMatchObject({
        ok: true,
        issuer: idp.issuer,
        supportsPkce: true,
      });
      expect(
        await admin.api.admin.identityProviders.test({ issuer: 'http://127.0.0.1:9' }),
      ).toMatchObject({ ok: false, problem: 'unreachable' });
      expect(await admin.api.admin.identityProviders.test({ issuer: server.url })).toMatchObject({
        ok: false,
        problem: 'not_an_issuer',
      });
      expect(
        await admin.api.admin.identityProviders.test({
          issuer: idp.issuer.replace('127.0.0.1', 'localhost'),
        }),
      ).toMatchObject({ ok: false, problem: 'issuer_mismatch' });
      expect(
        await admin.api.admin.identityProviders.test({ issuer: 'http://idp.example.com' }),
      ).toMatchObject({ ok: false, problem: 'insecure' });
    });

    it('removing a provider removes its identities', async () => {
      const browser = h.browser();
      await signInThrough(browser, 'alice-sub');
      const [provider] = await admin.api.admin.identityProviders.list();
      await admin.api.admin.identityProviders.delete({ id: provider?.id ?? 0 });
      expect(await browser.api.me.identities.list()).toEqual([]);
      expect((await me(browser)).externalAuthCount).toBe(0);
      await expectRosterCode(
        admin.api.admin.identityProviders.delete({ id: provider?.id ?? 0 }),
        'NOT_FOUND',
      );
    });
  });
});
