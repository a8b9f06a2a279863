// Starts the built app for Playwright on a fresh data directory and keeps its log in a file, so
// that tests can read what the server printed (the one-time setup code).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const dataDir = path.resolve(here, '..', '.e2e-data');
const port = process.env.E2E_PORT ?? '3210';

if (!fs.existsSync(path.join(root, 'apps', 'web', '.next', 'BUILD_ID'))) {
  console.error('The app is not built: run `pnpm build` first.');
  process.exit(1);
}

fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync(dataDir, { recursive: true });
const log = fs.createWriteStream(path.join(dataDir, 'server.log'));

const child = spawn('pnpm', ['--filter', '@roster/web', 'start'], {
  cwd: root,
  env: {
    ...process.env,
    PORT: port,
    DATA_DIR: dataDir,
    APP_URL: `http://localhost:${port}`,
    BCRYPT_COST: '8',
    // SQLite in DATA_DIR, or the PostgreSQL of `pnpm e2e:postgres` (scripts/with-postgres.sh).
    DATABASE_URL: process.env.E2E_DATABASE_URL ?? '',
    SMTP_URL: '',
  },
  stdio: ['ignore', 'pipe', 'pipe'],
});
for (const stream of [child.stdout, child.stderr]) {
  stream.on('data', (chunk) => {
    log.write(chunk);
    process.stdout.write(chunk);
  });
}
// The test identity provider (a real OpenID provider with a login page) beside it.
const idpPort = String(Number(port) + 1);
// tsx itself rather than through pnpm, so that stopping it stops the provider.
const users = path.join(root, 'packages', 'users');
const idp = spawn(
  path.join(users, 'node_modules', '.bin', 'tsx'),
  [
    'src/testing/oidc-provider-cli.ts',
    idpPort,
    `http://localhost:${port}/api/auth/oidc/test-idp/callback`,
  ],
  { cwd: users, stdio: ['ignore', 'pipe', 'pipe'] },
);
for (const stream of [idp.stdout, idp.stderr]) {
  stream.on('data', (chunk) => {
    log.write(chunk);
  });
}

const stop = () => {
  idp.kill('SIGTERM');
  child.kill('SIGTERM');
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
child.on('exit', (code) => {
  idp.kill('SIGTERM');
  process.exit(code ?? 0);
});
