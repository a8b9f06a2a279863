import * as oidc from 'openid-client';
import type { TokenEndpointAuthMethod } from '../schemas/identity-providers';

/**
 * Everything protocol is openid-client's (a certified relying party): discovery, PKCE, state and
 * nonce, the token request and every check of the ID token (issuer, audience, signature, nonce,
 * expiry). Roster only keeps one Configuration per provider and says what went wrong.
 */

export interface ProviderConnection {
  id: number;
  issuer: string;
  clientId: string;
  clientSecret: string | null;
  tokenEndpointAuthMethod: TokenEndpointAuthMethod;
  updatedAt: number;
}

/** Seconds for discovery and every later request to the provider. */
const TIMEOUT_SECONDS = 10;

function isLoopbackHttp(url: URL): boolean {
  return (
    url.protocol === 'http:' &&
    (url.hostname === 'localhost' ||
      url.hostname === '[::1]' ||
      /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(url.hostname))
  );
}

function discover(
  issuer: URL,
  clientId: string,
  clientSecret: string | null,
  method: TokenEndpointAuthMethod,
): Promise<oidc.Configuration> {
  const secret = clientSecret ?? undefined;
  const auth =
    method === 'client_secret_post'
      ? oidc.ClientSecretPost(secret)
      : oidc.ClientSecretBasic(secret);
  const execute: ((config: oidc.Configuration) => void)[] = [oidc.enableNonRepudiationChecks];
  // Plain http only for a provider on this machine (tests); the schema refuses it elsewhere.
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- marked only to stand out; right for loopback
  if (isLoopbackHttp(issuer)) execute.unshift(oidc.allowInsecureRequests);
  return oidc.discovery(issuer, clientId, secret, auth, { timeout: TIMEOUT_SECONDS, execute });
}

const cache = new Map<number, { version: string; config: Promise<oidc.Configuration> }>();

/** The provider's Configuration, discovered once per version of its row; failures are not kept. */
export function providerConfiguration(provider: ProviderConnection): Promise<oidc.Configuration> {
  const version = `${String(provider.updatedAt)}:${provider.issuer}:${provider.clientId}`;
  const hit = cache.get(provider.id);
  if (hit?.version === version) return hit.config;
  const config = discover(
    new URL(provider.issuer),
    provider.clientId,
    provider.clientSecret,
    provider.tokenEndpointAuthMethod,
  );
  const entry = { version, config };
  cache.set(provider.id, entry);
  config.catch(() => {
    if (cache.get(provider.id) === entry) cache.delete(provider.id);
  });
  return config;
}

export function forgetProviderConfiguration(id: number): void {
  cache.delete(id);
}

export interface AuthorizationStart {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export async function buildAuthorization(
  config: oidc.Configuration,
  options: { redirectUri: string; scope: string },
): Promise<AuthorizationStart> {
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: options.redirectUri,
    scope: options.scope,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url, state, nonce, codeVerifier };
}

/** What Roster reads of the person, from the ID token or else the userinfo endpoint. */
export interface ProviderClaims {
  sub: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  preferredUsername: string | null;
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

/**
 * Ends the authorization: `callbackUrl` is Roster's public callback address with the query the
 * provider sent. Throws openid-client's errors (see `failureOf`).
 */
export async function finishAuthorization(
  config: oidc.Configuration,
  callbackUrl: URL,
  saved: { state: string; nonce: string; codeVerifier: string },
): Promise<ProviderClaims> {
  const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: saved.codeVerifier,
    expectedState: saved.state,
    expectedNonce: saved.nonce,
    idTokenExpected: true,
  });
  const idToken = tokens.claims();
  if (!idToken) throw new oidc.ClientError('the provider sent no ID token');
  let claims: Record<string, unknown> = idToken;
  // Some providers keep the profile out of the ID token: ask the userinfo endpoint for it.
  if (idToken.email === undefined && config.serverMetadata().userinfo_endpoint) {
    const info = await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub);
    claims = { ...info, sub: idToken.sub };
  }
  const email = text(claims.email);
  return {
    sub: idToken.sub,
    email: email?.toLowerCase() ?? null,
    emailVerified: claims.email_verified === true || claims.email_verified === 'true',
    name: text(claims.name),
    preferredUsername: text(claims.preferred_username),
  };
}

export type ProviderFailure = 'cancelled' | 'unavailable' | 'failed';

/** What an error from openid-client means for the person: never its details, which are logged. */
export function failureOf(error: unknown): { kind: ProviderFailure; log: string } {
  if (error instanceof oidc.AuthorizationResponseError) {
    return {
      kind: error.error === 'access_denied' ? 'cancelled' : 'failed',
      log: `provider answered ${error.error}`,
    };
  }
  if (
    error instanceof oidc.ResponseBodyError ||
    error instanceof oidc.WWWAuthenticateChallengeError
  ) {
    return { kind: 'failed', log: `token endpoint answered ${String(error.status)} ${error.code}` };
  }
  if (error instanceof oidc.ClientError) {
    const code = error.code ?? 'client error';
    const cause = error.cause instanceof Error ? error.cause.message : '';
    return {
      kind: code === 'OAUTH_TIMEOUT' ? 'unavailable' : 'failed',
      log: `${code}${cause ? `: ${cause}` : `: ${error.message}`}`,
    };
  }
  if (error instanceof TypeError)
    return { kind: 'unavailable', log: `unreachable: ${error.message}` };
  return { kind: 'failed', log: error instanceof Error ? error.message : String(error) };
}

export type CheckProblem = 'unreachable' | 'not_an_issuer' | 'issuer_mismatch' | 'invalid';

/** Fetches the discovery document of an issuer and says plainly what is wrong with it. */
export async function checkIssuer(issuer: string): Promise<
  | {
      ok: true;
      issuer: string;
      authorizationEndpoint: string;
      supportsPkce: boolean;
      tokenEndpointAuthMethods: string[];
    }
  | { ok: false; problem: CheckProblem; detail: string }
> {
  try {
    const config = await discover(new URL(issuer), 'roster-check', null, 'client_secret_basic');
    const metadata = config.serverMetadata();
    if (!metadata.authorization_endpoint || !metadata.token_endpoint) {
      return { ok: false, problem: 'not_an_issuer', detail: 'no authorization or token endpoint' };
    }
    return {
      ok: true,
      issuer: metadata.issuer,
      authorizationEndpoint: metadata.authorization_endpoint,
      supportsPkce: metadata.supportsPKCE(),
      tokenEndpointAuthMethods: metadata.token_endpoint_auth_methods_supported ?? [
        'client_secret_basic',
      ],
    };
  } catch (error) {
    if (error instanceof TypeError)
      return { ok: false, problem: 'unreachable', detail: error.message };
    if (error instanceof oidc.ClientError) {
      if (error.code === 'OAUTH_TIMEOUT') {
        return { ok: false, problem: 'unreachable', detail: 'timed out' };
      }
      if (error.code === 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED') {
        return { ok: false, problem: 'issuer_mismatch', detail: error.message };
      }
      return {
        ok: false,
        problem: 'not_an_issuer',
        detail: `${error.code ?? ''} ${error.message}`,
      };
    }
    return { ok: false, problem: 'invalid', detail: error instanceof Error ? error.message : '' };
  }
}
