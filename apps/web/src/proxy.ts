import { type NextRequest, NextResponse } from 'next/server';

/** Pages that need a session; the layout checks the session itself, this only saves a round trip. */
const PROTECTED = ['/settings', '/admin'];

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
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-roster-pathname', `${pathname}${search}`);
  return NextResponse.next({ request: { headers: requestHeaders } });
}

export const config = {
  matcher: ['/((?!api/|_next/static|_next/image|favicon.ico).*)'],
};
