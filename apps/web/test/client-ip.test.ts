import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createClientIpResolver } from '../server/client-ip';

function request(remoteAddress: string, forwardedFor?: string): IncomingMessage {
  return {
    socket: { remoteAddress },
    connection: { remoteAddress },
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  } as unknown as IncomingMessage;
}

describe('client IP', () => {
  it('is the socket peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    const resolve = createClientIpResolver([]);
    expect(resolve(request('198.51.100.7', '1.2.3.4'))).toBe('198.51.100.7');
    expect(resolve(request('::ffff:198.51.100.7'))).toBe('198.51.100.7');
  });

  it('comes from X-Forwarded-For only when the peer is a trusted proxy', () => {
    const resolve = createClientIpResolver(['10.0.0.1']);
    expect(resolve(request('10.0.0.1', '203.0.113.9'))).toBe('203.0.113.9');
    expect(resolve(request('10.0.0.2', '203.0.113.9'))).toBe('10.0.0.2');
  });

  it('takes the rightmost address that is not itself a trusted proxy', () => {
    const resolve = createClientIpResolver(['10.0.0.0/8']);
    // A client cannot hide behind an address it prepends itself.
    expect(resolve(request('10.0.0.1', '6.6.6.6, 203.0.113.9, 10.1.2.3'))).toBe('203.0.113.9');
  });

  it('refuses an invalid TRUSTED_PROXIES entry with a message naming the variable', () => {
    expect(() => createClientIpResolver(['not-an-ip'])).toThrow(/TRUSTED_PROXIES/);
  });
});
