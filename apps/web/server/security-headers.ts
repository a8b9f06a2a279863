import type { ServerResponse } from 'node:http';

/**
 * Headers every response carries. Pages get their Content-Security-Policy (with a per-request
 * nonce) from `src/proxy.ts`; everything else (API, photos, assets) gets a locked-down one here.
 */
export function applySecurityHeaders(
  res: ServerResponse,
  options: { secure: boolean; pathname: string },
) {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
  if (options.secure) {
    // Decided from APP_URL, never from X-Forwarded-Proto.
    res.setHeader('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
  }
  if (options.pathname.startsWith('/api/')) {
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'none'; frame-ancestors 'none'; object-src 'none'",
    );
  }
}
