/** Where a sign-in goes when `next` is missing or refused. */
export const DEFAULT_NEXT_PATH = '/settings/profile';

const ORIGIN = 'http://roster.invalid';
const MAX_LENGTH = 2000;

/**
 * Reduces a `next`-style parameter to a path on this site (README › Security), for the
 * server's redirects and the browser's router alike. Anything a browser could resolve to another
 * origin becomes `fallback`: `//x` and `/\x` (and their percent-encoded forms), control
 * characters anywhere (a browser drops tabs and newlines, so `/%09/x` is `//x`), schemes, and
 * anything that is not a path. What comes back is the path as URL parsing normalises it, safe to
 * put in a Location header.
 */
export function safeNextPath(
  value: string | null | undefined,
  fallback: string = DEFAULT_NEXT_PATH,
): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) {
    return fallback;
  }
  if (!value.startsWith('/') || value.startsWith('//')) return fallback;
  // Control characters, backslashes, and any of them percent-encoded (a later decode would
  // bring them back).
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\u0000-\u001f\u007f\\]|%(?:[01][0-9a-f]|7f|5c)/i.test(value)) return fallback;
  // An encoded slash right after the first one could be decoded into `//` by a server behind.
  if (/^\/(?:%2f)/i.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== ORIGIN) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith('//') ? fallback : path;
}
