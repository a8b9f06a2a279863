// Roster's HTTP server: Next.js behind a small Node server that decides the client IP from the
// socket (Next alone trusts any X-Forwarded-For), runs migrations and start-up tasks before it
// listens, owns the mail sender and clean-up jobs, and shuts down gracefully.
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import next from 'next';
import { CLIENT_IP_HEADER } from '@roster/api/http';
import { ConfigError, createRuntime, loadConfig, type Runtime } from '@roster/users/server';
import { createClientIpResolver } from './client-ip';
import { applySecurityHeaders } from './security-headers';
import { RUNTIME_KEY } from '../src/server/runtime-key';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const clientIp = createClientIpResolver(config.trustedProxies);
  const dev = !config.production;

  const runtime: Runtime = createRuntime(config);
  await runtime.start();
  (globalThis as Record<symbol, unknown>)[RUNTIME_KEY] = runtime;

  const app = next({ dev, dir: appDir, hostname: config.host, port: config.port });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = http.createServer((req, res) => {
    // Always overwritten: a client cannot choose its own address.
    req.headers[CLIENT_IP_HEADER] = clientIp(req) ?? '';
    applySecurityHeaders(res, {
      secure: config.secure,
      pathname: (req.url ?? '/').split('?')[0] ?? '/',
    });
    void handle(req, res);
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
      void runtime.stop().then(() => process.exit(0));
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
