import { CHALLENGE_MS, generateToken, OIDC_FLOW_MS } from '@roster/users';
import type { CookieJar, CookieNames } from './cookies';

/**
 * The browser's identity-provider flow token: kept if the browser has one (two tabs may sign in at once), made
 * otherwise. Only its hash is stored with each flow; a callback in another browser lacks it.
 */
export function providerFlowToken(cookies: CookieJar, names: CookieNames): string {
  const existing = cookies.get(names.providerFlow);
  if (existing && /^[A-Za-z0-9_-]{20,100}$/.test(existing)) return existing;
  const token = generateToken();
  cookies.set(names.providerFlow, token, { maxAgeSeconds: OIDC_FLOW_MS / 1000 });
  return token;
}

/** The browser's passkey-ceremony token, for the 5 minutes a challenge lives. */
export function webauthnToken(cookies: CookieJar, names: CookieNames): string {
  const existing = cookies.get(names.webauthn);
  if (existing && /^[A-Za-z0-9_-]{20,100}$/.test(existing)) return existing;
  const token = generateToken();
  cookies.set(names.webauthn, token, { maxAgeSeconds: CHALLENGE_MS / 1000 });
  return token;
}
