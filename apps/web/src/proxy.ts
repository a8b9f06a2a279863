import { type NextRequest, NextResponse } from 'next/server';

/** Pages that need a session; the layout checks the session itself, this only saves a round trip. */
const PROTECTED = ['/settings', '/admin'];
/** Pages whose URL carries a token: the token must not leak to another site through Referer. */
const TOKEN_PAGES = ['/reset-password', '/verify-email', '/confirm-email'];

function contentSecurityPolicy(nonce: string): string {
  const development = process.env.NODE_ENV !== 'production';
  return [
    "default-src 'self'",
    // Next's own scripts carry the nonce; React's development build needs eval.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    // data: for the MFA QR code, blob: for the photo preview.
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${development ? ' ws:' : ''}`,
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const needsSession = PROTECTED.some(
    (prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`),
  );
  const hasCookie =
    request.cookies.has('roster_session') || request.cookies.has('__Host-roster_session');
  if (needsSession && !hasCookie) {
    const login = new URL('/login', request.url);
    login.searchParams.set('next', `${pathname}${search}`);
    return NextResponse.redirect(login);
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-roster-pathname', `${pathname}${search}`);
  // Next reads the nonce from the request's policy and puts it on the scripts it renders.
  requestHeaders.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  if (TOKEN_PAGES.includes(pathname)) response.headers.set('Referrer-Policy', 'no-referrer');
  return response;
}

export const config = {
  matcher: [
    {
      source: '/((?!api/|_next/static|_next/image|favicon.ico).*)',
      missing: [{ type: 'header', key: 'next-router-prefetch' }],
    },
  ],
};
