// The test IdP itself, driven by openid-client as Roster's OIDC routes will drive it.
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestIdp, type TestClient, type TestIdp } from './oidc-provider';

// Never fetched: signIn() stops at the redirect to it.
const REDIRECT_URI = 'http://localhost:3999/api/auth/oidc/test/callback';

const BASIC: TestClient = {
  clientId: 'roster-basic',
  clientSecret: 'basic-secret-0123456789abcdef',
  redirectUris: [REDIRECT_URI],
};
const POST: TestClient = {
  clientId: 'roster-post',
  clientSecret: 'post-secret-0123456789abcdef',
  redirectUris: [REDIRECT_URI],
  tokenEndpointAuthMethod: 'client_secret_post',
};

const ACCOUNTS = [
  {
    sub: 'alice',
    email: 'alice@example.test',
    emailVerified: true,
    name: 'Alice Example',
    preferredUsername: 'Alice.Ex',
  },
  { sub: 'bob', email: 'bob@example.test', emailVerified: false },
  { sub: 'carol', name: 'Carol without email' },
];

function discover(
  idp: TestIdp,
  c: TestClient,
  method: 'client_secret_basic' | 'client_secret_post',
) {
  const auth =
    method === 'client_secret_post'
      ? client.ClientSecretPost(c.clientSecret)
      : client.ClientSecretBasic(c.clientSecret);
  return client.discovery(new URL(idp.issuer), c.clientId, c.clientSecret, auth, {
    // deprecated only as a marker: plain http is right for this loopback issuer
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    execute: [client.allowInsecureRequests, client.enableNonRepudiationChecks],
    timeout: 5,
  });
}

async function start(config: client.Configuration) {
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope: 'openid email profile',
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  const checks = {
    pkceCodeVerifier: codeVerifier,
    expectedState: state,
    expectedNonce: nonce,
    idTokenExpected: true,
  };
  return { url, checks };
}

describe('test IdP (headless)', () => {
  let idp: TestIdp;
  let basic: client.Configuration;
  let post: client.Configuration;

  beforeAll(async () => {
    idp = await startTestIdp({ clients: [BASIC, POST], accounts: ACCOUNTS });
    basic = await discover(idp, BASIC, 'client_secret_basic');
    post = await discover(idp, POST, 'client_secret_post');
  });
  afterAll(async () => {
    await idp.close();
  });

  it('serves discovery for http://127.0.0.1:<port> with PKCE S256', () => {
    expect(idp.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const metadata = basic.serverMetadata();
    expect(metadata.issuer).toBe(idp.issuer);
    expect(metadata.supportsPKCE()).toBe(true);
    expect(metadata.code_challenge_methods_supported).toEqual(['S256']);
    expect(metadata.authorization_response_iss_parameter_supported).toBe(true);
  });

  it('signs alice in: code grant with the email and profile claims in the signed ID token', async () => {
    const before = idp.tokenRequests();
    const { url, checks } = await start(basic);
    const callback = await idp.signIn(url, 'alice');
    expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT_URI);
    expect(callback.searchParams.get('code')).toBeTruthy();
    expect(callback.searchParams.get('iss')).toBe(idp.issuer);

    const tokens = await client.authorizationCodeGrant(basic, callback, checks);
    expect(tokens.claims()).toMatchObject({
      iss: idp.issuer,
      aud: BASIC.clientId,
      sub: 'alice',
      email: 'alice@example.test',
      email_verified: true,
      name: 'Alice Example',
      preferred_username: 'Alice.Ex',
    });
    expect(idp.tokenRequests()).toBe(before + 1);

    // the code is single-use, and the replay reaches the provider
    await expect(client.authorizationCodeGrant(basic, callback, checks)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    expect(idp.tokenRequests()).toBe(before + 2);
  });

  it('gives email_verified false for an unverified account (client_secret_post)', async () => {
    const { url, checks } = await start(post);
    const tokens = await client.authorizationCodeGrant(post, await idp.signIn(url, 'bob'), checks);
    expect(tokens.claims()).toMatchObject({
      sub: 'bob',
      email: 'bob@example.test',
      email_verified: false,
    });
  });

  it('gives no email claim for an account without email, neither in the ID token nor at userinfo', async () => {
    const { url, checks } = await start(basic);
    const tokens = await client.authorizationCodeGrant(
      basic,
      await idp.signIn(url, 'carol'),
      checks,
    );
    const claims = tokens.claims();
    expect(claims?.sub).toBe('carol');
    expect(claims).not.toHaveProperty('email');
    expect(claims).not.toHaveProperty('email_verified');
    const userinfo = await client.fetchUserInfo(basic, tokens.access_token, 'carol');
    expect(userinfo).toEqual({ sub: 'carol', name: 'Carol without email' });
  });

  it('signs in an account added after start', async () => {
    idp.accounts.set('dave', { sub: 'dave', email: 'dave@example.test', emailVerified: true });
    const { url, checks } = await start(basic);
    const tokens = await client.authorizationCodeGrant(
      basic,
      await idp.signIn(url, 'dave'),
      checks,
    );
    expect(tokens.claims()).toMatchObject({ sub: 'dave', email: 'dave@example.test' });
  });

  it('refuses unknown accounts', async () => {
    const { url } = await start(basic);
    await expect(idp.signIn(url, 'nobody')).rejects.toThrow(/no account/);
  });

  it('answers error=access_denied when the sign-in is denied', async () => {
    const { url, checks } = await start(basic);
    const callback = await idp.signIn(url, 'alice', { deny: true });
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('state')).toBe(checks.expectedState);
    expect(callback.searchParams.has('code')).toBe(false);
    await expect(client.authorizationCodeGrant(basic, callback, checks)).rejects.toBeInstanceOf(
      client.AuthorizationResponseError,
    );
  });

  it('requires PKCE', async () => {
    const url = client.buildAuthorizationUrl(basic, {
      redirect_uri: REDIRECT_URI,
      scope: 'openid email profile',
      state: client.randomState(),
    });
    const callback = await idp.signIn(url, 'alice');
    expect(callback.searchParams.get('error')).toBe('invalid_request');
  });

  it('accepts only the chosen client authentication method after acceptOnly()', async () => {
    idp.acceptOnly('client_secret_post');
    try {
      const a = await start(basic);
      await expect(
        client.authorizationCodeGrant(basic, await idp.signIn(a.url, 'alice'), a.checks),
      ).rejects.toMatchObject({ error: 'invalid_client', status: 401 });
      const b = await start(post);
      const tokens = await client.authorizationCodeGrant(
        post,
        await idp.signIn(b.url, 'alice'),
        b.checks,
      );
      expect(tokens.claims()?.sub).toBe('alice');
    } finally {
      idp.acceptOnly(undefined);
    }
    const c = await start(basic);
    const tokens = await client.authorizationCodeGrant(
      basic,
      await idp.signIn(c.url, 'alice'),
      c.checks,
    );
    expect(tokens.claims()?.sub).toBe('alice');
  });
});

describe('test IdP (interactive)', () => {
  let idp: TestIdp;
  let basic: client.Configuration;

  beforeAll(async () => {
    idp = await startTestIdp({ clients: [BASIC], accounts: ACCOUNTS, interactive: true });
    basic = await discover(idp, BASIC, 'client_secret_basic');
  });
  afterAll(async () => {
    await idp.close();
  });

  it('shows an HTML login form', async () => {
    const { url } = await start(basic);
    const authorization = await fetch(url, { redirect: 'manual' });
    expect(authorization.status).toBe(303);
    const location = new URL(authorization.headers.get('location') ?? '', url);
    expect(location.pathname).toMatch(/^\/interaction\/[\w-]+$/);
    const cookie = authorization.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .join('; ');

    const page = await fetch(location, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain(`<form method="post" action="${location.pathname}">`);
    expect(html).toContain('<label for="username">Username</label>');
    expect(html).toMatch(/<input id="username" name="username"[^>]* required/);
    expect(html).toMatch(/<button type="submit"[^>]*>Sign in<\/button>/);
    expect(html).toMatch(/<button type="submit"[^>]*>Cancel<\/button>/);
  });

  it('signs in through the form, and Cancel ends with access_denied', async () => {
    const a = await start(basic);
    const tokens = await client.authorizationCodeGrant(
      basic,
      await idp.signIn(a.url, 'alice'),
      a.checks,
    );
    expect(tokens.claims()).toMatchObject({ sub: 'alice', email: 'alice@example.test' });

    const b = await start(basic);
    const denied = await idp.signIn(b.url, 'alice', { deny: true });
    expect(denied.searchParams.get('error')).toBe('access_denied');
  });
});
