import {
  type ApiKeyCaller,
  authenticateApiKey,
  type RequestMeta,
  type Services,
  type ValidSession,
  validateSession,
} from '@roster/users';
import { type CookieJar, type CookieNames, cookieNames } from './cookies';

export interface ContextOptions {
  services: Services;
  meta: RequestMeta;
  /** The request's Origin header, when it has one. */
  origin: string | null;
  cookies: CookieJar;
  /** https: cookies are Secure and __Host- prefixed. */
  secure: boolean;
  /** Sets a response header (Retry-After, Cache-Control). */
  setHeader: (name: string, value: string) => void;
  /** The request's Authorization header, when it has one. */
  authorization?: string | null;
}

export interface Context extends ContextOptions {
  cookieNames: CookieNames;
  /** The session of the request's cookie, looked up once and only when a procedure needs it. */
  getSession(): Promise<ValidSession | null>;
  /**
   * The API key of `Authorization: Bearer …`, or null: a call with one is judged by the key
   * alone, reads no cookie and sets none.
   */
  apiKey: string | null;
  /** The key's owner and scopes, looked up once; throws for a wrong, expired or revoked key. */
  getKeyCaller(): Promise<ApiKeyCaller>;
}

/** `Bearer <key>` (any case, as RFC 9110 allows); other schemes (a proxy's Basic) are not Roster's. */
export function bearerToken(authorization: string | null | undefined): string | null {
  const match = /^bearer(?:\s+(.*))?$/i.exec(authorization?.trim() ?? '');
  return match ? (match[1] ?? '').trim() : null;
}

/** What a key call sees of cookies: none, and it sets none. */
const NO_COOKIES: CookieJar = {
  get: () => undefined,
  set: () => undefined,
  clear: () => undefined,
};

/**
 * The pure part of the context: no HTTP, so tests build it directly with a recording cookie jar,
 * a manual clock and a fast hasher.
 */
export function createContextInner(options: ContextOptions): Context {
  const names = cookieNames(options.secure);
  const apiKey = bearerToken(options.authorization);
  const cookies = apiKey === null ? options.cookies : NO_COOKIES;
  let session: Promise<ValidSession | null> | undefined;
  let keyCaller: Promise<ApiKeyCaller> | undefined;
  return {
    ...options,
    cookies,
    apiKey,
    getKeyCaller() {
      keyCaller ??= authenticateApiKey(options.services, apiKey ?? '', options.meta);
      return keyCaller;
    },
    cookieNames: names,
    getSession() {
      session ??= (async () => {
        const token = cookies.get(names.session);
        if (!token) return null;
        return validateSession(options.services, token);
      })();
      return session;
    },
  };
}
