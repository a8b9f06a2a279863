import type { IncomingMessage } from 'node:http';
import { ConfigError } from '@roster/users/server';
import proxyaddr from 'proxy-addr';

export type ClientIpResolver = (req: IncomingMessage) => string | null;

/**
 * The client's address: the socket's peer, or, only when that peer is a trusted proxy, the
 * rightmost X-Forwarded-For address that is not itself trusted (proxy-addr's rule).
 */
export function createClientIpResolver(trustedProxies: string[]): ClientIpResolver {
  let trust: ReturnType<typeof proxyaddr.compile>;
  try {
    trust = proxyaddr.compile(trustedProxies);
  } catch (error) {
    throw new ConfigError(
      `Invalid configuration: TRUSTED_PROXIES ${error instanceof Error ? error.message : String(error)}.`,
    );
  }
  return (req) => {
    if (!req.socket.remoteAddress) return null;
    const address = proxyaddr(req, trust);
    // IPv4 clients of a dual-stack socket appear as ::ffff:a.b.c.d.
    return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
  };
}
