import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { applySecurityHeaders } from '../server/security-headers';

function headersFor(options: { secure: boolean; pathname: string }): Map<string, string> {
  const headers = new Map<string, string>();
  const res = {
    setHeader: (name: string, value: string) => headers.set(name.toLowerCase(), value),
  } as unknown as ServerResponse;
  applySecurityHeaders(res, options);
  return headers;
}

describe('security headers', () => {
  it('send nosniff, a referrer policy and no framing on every response', () => {
    const headers = headersFor({ secure: false, pathname: '/login' });
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(headers.get('x-frame-options')).toBe('DENY');
    expect(headers.has('strict-transport-security')).toBe(false);
  });

  it('add HSTS when APP_URL is https', () => {
    expect(headersFor({ secure: true, pathname: '/' }).get('strict-transport-security')).toMatch(
      /max-age=\d+/,
    );
  });

  it('lock API responses down with their own policy', () => {
    const csp = headersFor({ secure: false, pathname: '/api/trpc/me.get' }).get(
      'content-security-policy',
    );
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(headersFor({ secure: false, pathname: '/login' }).has('content-security-policy')).toBe(
      false,
    );
  });
});
