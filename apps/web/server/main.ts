// Roster's HTTP server: the API (tRPC through its Node adapter, health, photos) answered here,
// the pages by Next.js behind it. It decides the client IP from the socket (Next alone trusts any
// X-Forwarded-For), runs migrations and start-up tasks before it listens, owns the mail sender
// and clean-up jobs, shares its runtime with the pages, and shuts down gracefully.
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import next from 'next';
import { createServerCaller } from '@roster/api';
import { CLIENT_IP_HEADER, createApiHandler } from '@roster/api/node';
import { ConfigError, createRuntime, loadConfig, type Runtime } from '@roster/users/server';
import { createClientIpResolver } from './client-ip';
import { applySecurityHeaders } from './security-headers';
import { LINK_LANGUAGE_HEADER, linkLanguage } from '../src/server/link-language';
import { RUNTIME_KEY, type SharedRuntime } from '../src/server/runtime-key';

// server/main.ts in development, dist/server.mjs in production: the app is one folder up.
const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const clientIp = createClientIpResolver(config.trustedProxies);
  const dev = !config.production;

  const runtime: Runtime = createRuntime(config);
  await runtime.start();
  const shared: SharedRuntime = { runtime, createCaller: createServerCaller };
  (globalThis as Record<symbol, unknown>)[RUNTIME_KEY] = shared;

  const api = createApiHandler({
    services: runtime.services,
    secure: config.secure,
    onInternalError: (error, procedure) => {
      runtime.services.logger.error(
        `tRPC ${procedure ?? '?'} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    },
  });
  const app = next({ dev, dir: appDir, hostname: config.host, port: config.port });
  const pages = app.getRequestHandler();
  await app.prepare();

  const server = http.createServer((req, res) => {
    // Always overwritten: a client cannot choose its own address.
    req.headers[CLIENT_IP_HEADER] = clientIp(req) ?? '';
    req.headers[LINK_LANGUAGE_HEADER] = linkLanguage(req.url) ?? '';
    applySecurityHeaders(res, {
      secure: config.secure,
      pathname: (req.url ?? '/').split('?')[0] ?? '/',
    });
    api(req, res)
      .then((handled) => (handled ? undefined : pages(req, res)))
      .catch((error: unknown) => {
        runtime.services.logger.error(
          `request failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
        if (!res.headersSent) res.statusCode = 500;
        res.end();
      });
  });
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const where = config.appUrl.toString().replace(/\/$/, '');
  console.log(
    `Roster is running at ${where} (${dev ? 'development' : 'production'}, ${runtime.database.dialect})`,
  );

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: finishing open requests…`);
    server.close(() => {
      void runtime.stop().then(() => {
        console.log('Roster stopped.');
        // A shutdown asked for is a success.
        process.exit(0);
      });
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on('SIGINT', () => {
    shutdown('SIGINT');
  });
  process.on('SIGTERM', () => {
    shutdown('SIGTERM');
  });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else if (error instanceof Error && error.message.startsWith('INITIAL_ADMIN_')) {
    console.error(`Cannot start: ${error.message}`);
  } else {
    console.error('Roster failed to start:', error);
  }
  process.exit(1);
});
