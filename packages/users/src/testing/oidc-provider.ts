// A real OpenID Connect provider for tests: oidc-provider 9 on http://127.0.0.1:<random port>, with
// PKCE (S256) required, the email and profile claims, and login + consent decided either by
// `signIn()` (plain fetch calls with a small cookie jar) or, with `interactive: true`, on a minimal
// HTML login page a browser can use. Nothing of the protocol is stubbed: the authorization,
// token, userinfo, JWKS and discovery endpoints are oidc-provider's own.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type * as oidcProvider from 'oidc-provider';
import type Provider from 'oidc-provider';
import type {
  AccountClaims,
  ClientMetadata,
  Configuration,
  KoaContextWithOIDC,
} from 'oidc-provider';

export interface TestAccount {
  /** Also the username typed on the login page. */
  sub: string;
  /** undefined: no `email` claim at all. */
  email?: string;
  /** undefined: no `email_verified` claim at all. */
  emailVerified?: boolean;
  name?: string;
  preferredUsername?: string;
}

export interface TestClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  /** Registered method (default client_secret_basic); oidc-provider accepts both anyway, see `acceptOnly`. */
  tokenEndpointAuthMethod?: 'client_secret_basic' | 'client_secret_post';
}

export type TokenEndpointAuthMethod = 'client_secret_basic' | 'client_secret_post';

export interface TestIdp {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  issuer: string;
  /** Keyed by sub; read on every request, so tests may add, change or remove accounts later. */
  accounts: Map<string, TestAccount>;
  /**
   * Headless: follows the authorization URL through the provider's login and consent as the given
   * account (sub), returns the callback URL the provider redirects to (not fetched). `deny: true`
   * makes the provider answer error=access_denied.
   */
  signIn(authorizationUrl: string | URL, sub: string, options?: { deny?: boolean }): Promise<URL>;
  /**
   * Make the token endpoint accept only one client authentication method (the real oidc-provider
   * accepts both; some real providers accept only one). undefined = both.
   */
  acceptOnly(method: TokenEndpointAuthMethod | undefined): void;
  /** Number of token requests seen (for asserting e.g. that a replayed callback did not reach the provider). */
  tokenRequests(): number;
  close(): Promise<void>;
}

export interface TestIdpOptions {
  clients: TestClient[];
  accounts: TestAccount[];
  /** true: a real HTML login page (Username, "Sign in", "Cancel") for a browser. Default false. */
  interactive?: boolean;
  /** A fixed port (for a browser test whose provider is set up before it starts); default any. */
  port?: number;
}

const INTERACTION_PATH = /^\/interaction\/([\w-]+)$/;
const FORM_ACTION = /<form\b[^>]*\baction="([^"]*)"/;
const MAX_FORM_BYTES = 16 * 1024;

export async function startTestIdp(options: TestIdpOptions): Promise<TestIdp> {
  const interactive = options.interactive ?? false;
  const accounts = new Map(options.accounts.map((account) => [account.sub, account]));
  const callbackTargets = new Set(
    options.clients.flatMap((c) => c.redirectUris.map((uri) => withoutQuery(new URL(uri)))),
  );

  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;

  let provider: Provider;
  let oidc: typeof oidcProvider;
  try {
    // The import prints "Unsupported runtime" on Node 20 and the constructor warns about the
    // in-memory adapter; both are expected here.
    [oidc, provider] = await withoutProviderWarnings(async () => {
      const mod = await import('oidc-provider');
      return [mod, new mod.default(issuer, configuration(mod, options, accounts))] as const;
    });
  } catch (err) {
    await closeServer(server);
    throw err;
  }
  const { errors } = oidc;
  const providerCallback = provider.callback();

  let onlyMethod: TokenEndpointAuthMethod | undefined;
  let tokenRequestCount = 0;

  async function interaction(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'GET') {
      if (!interactive) {
        send(res, 404, 'text/plain', 'This test IdP runs with interactive: false; use signIn().');
        return;
      }
      const details = await provider.interactionDetails(req, res);
      send(res, 200, 'text/html', loginPage(details.uid, clientIdOf(details.params)));
      return;
    }
    if (req.method !== 'POST') {
      res.setHeader('allow', 'GET, POST');
      send(res, 405, 'text/plain', 'Method Not Allowed');
      return;
    }
    const form = await readForm(req);
    const details = await provider.interactionDetails(req, res);
    if (form.get('decision') === 'cancel') {
      await provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'End-User cancelled the sign-in' },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    const sub = (form.get('username') ?? '').trim();
    const clientId = clientIdOf(details.params);
    if (!accounts.has(sub)) {
      if (interactive)
        send(res, 401, 'text/html', loginPage(details.uid, clientId, 'Unknown username.'));
      else send(res, 401, 'text/plain', `No test account with sub "${sub}".`);
      return;
    }
    // Login and consent in one step: grant every scope requested, no consent page follows.
    const grant = new provider.Grant({ accountId: sub, clientId });
    const scope = details.params.scope;
    if (typeof scope === 'string') grant.addOIDCScope(scope);
    const grantId = await grant.save();
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: sub }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { pathname } = new URL(req.url ?? '/', issuer);
    if (req.method === 'POST' && pathname === '/token') {
      tokenRequestCount += 1;
      if (onlyMethod !== undefined) {
        const used: TokenEndpointAuthMethod = /^basic /i.test(req.headers.authorization ?? '')
          ? 'client_secret_basic'
          : 'client_secret_post';
        if (used !== onlyMethod) {
          req.resume();
          send(
            res,
            401,
            'application/json',
            JSON.stringify({
              error: 'invalid_client',
              error_description: `client authentication failed: only ${onlyMethod} is accepted`,
            }),
          );
          return;
        }
      }
    }
    if (INTERACTION_PATH.test(pathname)) {
      await interaction(req, res);
      return;
    }
    await providerCallback(req, res);
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const status = err instanceof errors.OIDCProviderError ? err.status : 500;
      const message =
        err instanceof errors.OIDCProviderError
          ? (err.error_description ?? err.message)
          : String(err);
      send(res, status, 'text/plain', `test IdP: ${message}`);
    });
  });

  function isCallback(url: URL): boolean {
    return url.origin !== issuer || callbackTargets.has(withoutQuery(url));
  }

  async function signIn(
    authorizationUrl: string | URL,
    sub: string,
    signInOptions: { deny?: boolean } = {},
  ): Promise<URL> {
    const deny = signInOptions.deny ?? false;
    if (!deny && !accounts.has(sub)) throw new Error(`test IdP: no account with sub "${sub}"`);
    let url = new URL(authorizationUrl);
    if (url.origin !== issuer) throw new Error(`test IdP: ${url.href} is not on ${issuer}`);
    const jar = new CookieJar();
    let init: RequestInit = {};
    for (let hop = 0; hop < 20; hop += 1) {
      if (init.method === undefined && INTERACTION_PATH.test(url.pathname)) {
        // The login step: post what the login form would (interactive: the form the page shows).
        if (interactive) {
          const page = await jar.fetch(url);
          const html = await page.text();
          const action = FORM_ACTION.exec(html)?.[1];
          if (page.status !== 200 || action === undefined || !html.includes('name="username"')) {
            throw new Error(
              `test IdP: no login form at ${url.pathname} (${page.status}): ${html.slice(0, 300)}`,
            );
          }
          url = new URL(action.replaceAll('&amp;', '&'), url);
        }
        const body = new URLSearchParams({
          username: deny ? '' : sub,
          decision: deny ? 'cancel' : 'sign-in',
        });
        init = { method: 'POST', body };
        continue;
      }
      const res = await jar.fetch(url, init);
      init = {};
      if (res.status >= 300 && res.status < 400) {
        await res.body?.cancel();
        const location = res.headers.get('location');
        if (location === null)
          throw new Error(`test IdP: ${res.status} without location at ${url.pathname}`);
        const next = new URL(location, url);
        if (isCallback(next)) return next;
        url = next;
        continue;
      }
      const text = await res.text();
      throw new Error(
        `test IdP: unexpected ${res.status} at ${url.pathname}: ${text.slice(0, 300)}`,
      );
    }
    throw new Error('test IdP: too many redirects');
  }

  return {
    issuer,
    accounts,
    signIn,
    acceptOnly(method) {
      onlyMethod = method;
    },
    tokenRequests() {
      return tokenRequestCount;
    },
    close() {
      return closeServer(server);
    },
  };
}

function configuration(
  mod: typeof oidcProvider,
  options: TestIdpOptions,
  accounts: Map<string, TestAccount>,
): Configuration {
  const { Check } = mod.interactionPolicy;
  // Ask for a login on every authorization request, even when the browser still has a session
  // with this provider, so that a test always chooses the account.
  const policy = mod.interactionPolicy.base();
  policy
    .get('login')
    ?.checks.add(
      new Check(
        'test_idp_login_every_time',
        'the test IdP asks for a login on every authorization request',
        (ctx) =>
          ctx.oidc.result?.login === undefined ? Check.REQUEST_PROMPT : Check.NO_NEED_TO_PROMPT,
      ),
    );

  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
    format: 'jwk',
  });
  const clients: ClientMetadata[] = options.clients.map((c) => ({
    client_id: c.clientId,
    client_secret: c.clientSecret,
    redirect_uris: c.redirectUris,
    token_endpoint_auth_method: c.tokenEndpointAuthMethod ?? 'client_secret_basic',
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }));

  return {
    clients,
    pkce: { required: () => true },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'preferred_username'],
    },
    // Scope claims in the ID token too, not only at the userinfo endpoint.
    conformIdTokenClaims: false,
    findAccount: (_ctx, sub) => {
      if (!accounts.has(sub)) return undefined;
      return {
        accountId: sub,
        claims: () => {
          const account = accounts.get(sub);
          return account === undefined ? { sub } : accountClaims(sub, account);
        },
      };
    },
    jwks: {
      keys: [
        { ...signingKey, kid: `test-${randomBytes(6).toString('hex')}`, alg: 'RS256', use: 'sig' },
      ],
    },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    ttl: {
      AccessToken: 300,
      AuthorizationCode: 60,
      Grant: 300,
      IdToken: 300,
      Interaction: 300,
      Session: 300,
    },
    features: { devInteractions: { enabled: false } },
    interactions: {
      policy,
      url: (_ctx, interaction) => `/interaction/${interaction.uid}`,
    },
    renderError: (ctx: KoaContextWithOIDC, out) => {
      ctx.type = 'html';
      ctx.body = htmlPage(
        'Sign-in error',
        `<h1>Sign-in error</h1><p>${escapeHtml(out.error)}${
          out.error_description === undefined ? '' : `: ${escapeHtml(out.error_description)}`
        }</p>`,
      );
    },
  };
}

function accountClaims(sub: string, account: TestAccount): AccountClaims {
  const claims: AccountClaims = { sub };
  if (account.email !== undefined) claims.email = account.email;
  if (account.emailVerified !== undefined) claims.email_verified = account.emailVerified;
  if (account.name !== undefined) claims.name = account.name;
  if (account.preferredUsername !== undefined)
    claims.preferred_username = account.preferredUsername;
  return claims;
}

function clientIdOf(params: Record<string, unknown> | undefined): string {
  const clientId = params?.client_id;
  return typeof clientId === 'string' ? clientId : '';
}

function loginPage(uid: string | undefined, clientId: string, error?: string): string {
  return htmlPage(
    'Sign in – Test IdP',
    `<main>
<h1>Sign in to Test IdP</h1>
<p>to continue to ${escapeHtml(clientId)}</p>
${error === undefined ? '' : `<p role="alert">${escapeHtml(error)}</p>\n`}<form method="post" action="/interaction/${escapeHtml(uid ?? '')}">
<label for="username">Username</label>
<input id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required autofocus>
<button type="submit" name="decision" value="sign-in">Sign in</button>
<button type="submit" name="decision" value="cancel" formnovalidate>Cancel</button>
</form>
</main>`,
  );
}

function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
</head>
<body>
${body}
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.statusCode = status;
  res.setHeader('content-type', `${type}; charset=utf-8`);
  res.setHeader('cache-control', 'no-store');
  res.end(body);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    req.resume();
    return new URLSearchParams();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) throw new Error('form too large');
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function withoutQuery(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

function closeServer(server: ReturnType<typeof createServer>): Promise<void> {
  if (!server.listening) return Promise.resolve();
  server.closeAllConnections(); // fetch keeps sockets alive
  return new Promise((resolve, reject) => {
    server.close((err) => {
      if (err) reject(err);
      else resolve();
    });
  });
}

// oidc-provider reports its start-up notices with console.warn; drop only those, only while the
// module is imported and the Provider constructed, and put the original back afterwards (nested
// or concurrent calls share one replacement).
let quietCalls = 0;
let originalWarn: typeof console.warn | undefined;

async function withoutProviderWarnings<T>(fn: () => Promise<T>): Promise<T> {
  if (quietCalls === 0) {
    const warn = console.warn;
    originalWarn = warn;
    console.warn = (...data: unknown[]) => {
      if (typeof data[0] === 'string' && data[0].includes('oidc-provider WARNING:')) return;
      warn.apply(console, data);
    };
  }
  quietCalls += 1;
  try {
    return await fn();
  } finally {
    quietCalls -= 1;
    if (quietCalls === 0 && originalWarn !== undefined) {
      console.warn = originalWarn;
      originalWarn = undefined;
    }
  }
}

/** Just enough of a browser's cookie store for one host: paths, Max-Age, Expires, deletions. */
class CookieJar {
  readonly #cookies = new Map<
    string,
    { value: string; path: string; expires: number | undefined }
  >();

  async fetch(url: URL, init: RequestInit = {}): Promise<Response> {
    const now = Date.now();
    const pairs: string[] = [];
    for (const [name, cookie] of this.#cookies) {
      if (cookie.expires !== undefined && cookie.expires <= now) this.#cookies.delete(name);
      else if (pathMatches(url.pathname, cookie.path)) pairs.push(`${name}=${cookie.value}`);
    }
    const headers = new Headers(init.headers);
    if (pairs.length > 0) headers.set('cookie', pairs.join('; '));
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) this.#store(line, url);
    return res;
  }

  #store(line: string, url: URL): void {
    const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
    const eq = pair.indexOf('=');
    if (eq <= 0) return;
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    let path = url.pathname.slice(0, Math.max(1, url.pathname.lastIndexOf('/')));
    let expires: number | undefined;
    let maxAge: number | undefined;
    for (const attribute of attributes) {
      const sep = attribute.indexOf('=');
      const key = (sep === -1 ? attribute : attribute.slice(0, sep)).toLowerCase();
      const val = sep === -1 ? '' : attribute.slice(sep + 1);
      if (key === 'path' && val.startsWith('/')) path = val;
      else if (key === 'expires') {
        const at = Date.parse(val);
        if (!Number.isNaN(at)) expires = at;
      } else if (key === 'max-age' && /^-?\d+$/.test(val)) maxAge = Number(val);
    }
    if (maxAge !== undefined) expires = Date.now() + maxAge * 1000;
    if (expires !== undefined && expires <= Date.now()) this.#cookies.delete(name);
    else this.#cookies.set(name, { value, path, expires });
  }
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath.charAt(cookiePath.length) === '/';
}
