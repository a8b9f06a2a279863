import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Services } from '@roster/users';
import { createApiHandler } from '../src/node';

export interface ApiServer {
  url: string;
  port: number;
  /** `fetch` on the server: `call('auth.login', { method: 'POST', … })` goes to /api/trpc/auth.login. */
  call(path: string, init?: RequestInit): Promise<Response>;
  get(pathname: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/**
 * The API as production serves it: a real `node:http` server with Roster's Node handler, on a
 * random local port, so tests go through the same sockets, parsers and adapter as a browser.
 */
export async function startApiServer(
  services: Services,
  secure = false,
  options: { observe?: (req: http.IncomingMessage) => void } = {},
): Promise<ApiServer> {
  const handle = createApiHandler({ services, secure });
  const server = http.createServer((req, res) => {
    options.observe?.(req);
    void handle(req, res).then((handled) => {
      if (!handled) {
        res.statusCode = 404;
        res.end('Not an API path.');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    call: (path, init) => fetch(`${url}/api/trpc/${path}`, init),
    get: (pathname, init) => fetch(`${url}${pathname}`, init),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
