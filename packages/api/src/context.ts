import { type RequestMeta, type Services, type ValidSession, validateSession } from '@roster/users';
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
}

export interface Context extends ContextOptions {
  cookieNames: CookieNames;
  /** The session of the request's cookie, looked up once and only when a procedure needs it. */
  getSession(): Promise<ValidSession | null>;
}

/**
 * The pure part of the context: no HTTP, so tests build it directly with a recording cookie jar,
 * a manual clock and a fast hasher.
 */
export function createContextInner(options: ContextOptions): Context {
  const names = cookieNames(options.secure);
  let session: Promise<ValidSession | null> | undefined;
  return {
    ...options,
    cookieNames: names,
    getSession() {
      session ??= (async () => {
        const token = options.cookies.get(names.session);
        if (!token) return null;
        return validateSession(options.services, token);
      })();
      return session;
    },
  };
}
