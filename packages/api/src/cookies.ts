import { parse, serialize } from 'cookie';

/** Reads the request's cookies and queues Set-Cookie headers on the response. */
export interface CookieJar {
  get(name: string): string | undefined;
  set(name: string, value: string, options: { maxAgeSeconds: number }): void;
  clear(name: string): void;
}

export interface CookieNames {
  session: string;
  pendingMfa: string;
  /** Ties a sign-in through an identity provider to the browser that started it. */
  providerFlow: string;
  /** Ties a passkey ceremony (its challenge) to the browser that asked for it. */
  webauthn: string;
}

/** Over https the cookies are Secure with the __Host- prefix (no Domain, Path=/). */
export function cookieNames(secure: boolean): CookieNames {
  return secure
    ? {
        session: '__Host-roster_session',
        pendingMfa: '__Host-roster_mfa',
        providerFlow: '__Host-roster_oidc',
        webauthn: '__Host-roster_webauthn',
      }
    : {
        session: 'roster_session',
        pendingMfa: 'roster_mfa',
        providerFlow: 'roster_oidc',
        webauthn: 'roster_webauthn',
      };
}

export function createCookieJar(
  cookieHeader: string | null,
  appendSetCookie: (value: string) => void,
  secure: boolean,
): CookieJar {
  const cookies = new Map(Object.entries(cookieHeader ? parse(cookieHeader) : {}));
  const base = { httpOnly: true, sameSite: 'lax' as const, path: '/', secure };
  return {
    get: (name) => cookies.get(name),
    set(name, value, { maxAgeSeconds }) {
      cookies.set(name, value);
      appendSetCookie(serialize(name, value, { ...base, maxAge: Math.floor(maxAgeSeconds) }));
    },
    clear(name) {
      cookies.delete(name);
      appendSetCookie(serialize(name, '', { ...base, maxAge: 0, expires: new Date(0) }));
    },
  };
}
