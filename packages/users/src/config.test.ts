import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, resolveSecretKey } from './config';

describe('configuration', () => {
  it('has the defaults of README › Configuration', () => {
    const config = loadConfig({ INIT_CWD: '/srv/roster' });
    expect(config.port).toBe(3000);
    expect(config.appUrl.toString()).toBe('http://localhost:3000/');
    expect(config.dataDir).toBe('/srv/roster/data');
    expect(config.databaseUrl).toBe('sqlite:/srv/roster/data/roster.db');
    expect(config.mailFrom).toBe('Roster <no-reply@localhost>');
    expect(config.bcryptCost).toBe(12);
    expect(config.smtpUrl).toBeUndefined();
    expect(config.initialAdmin).toBeNull();
    expect(config.trustedProxies).toEqual([]);
    expect(config.secure).toBe(false);
    expect(config.sessionIdleMs).toBe(7 * 24 * 3600 * 1000);
    expect(config.sessionMaxMs).toBe(30 * 24 * 3600 * 1000);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      APP_URL: 'https://roster.example.org',
      DATA_DIR: '/var/lib/roster',
      DATABASE_URL: 'postgres://u:p@db/roster',
      SECRET_KEY: 'k'.repeat(32),
      SMTP_URL: 'smtp://u:p@mail:587',
      MAIL_FROM: 'Club <club@example.org>',
      BCRYPT_COST: '10',
      INITIAL_ADMIN_USERNAME: 'root',
      INITIAL_ADMIN_EMAIL: 'root@example.org',
      INITIAL_ADMIN_PASSWORD: 'Secret-Password-1',
      TRUSTED_PROXIES: '10.0.0.1, 192.168.0.0/16',
    });
    expect(config).toMatchObject({
      port: 8080,
      secure: true,
      dataDir: '/var/lib/roster',
      databaseUrl: 'postgres://u:p@db/roster',
      smtpUrl: 'smtp://u:p@mail:587',
      mailFrom: 'Club <club@example.org>',
      bcryptCost: 10,
      initialAdmin: { username: 'root', email: 'root@example.org', password: 'Secret-Password-1' },
      trustedProxies: ['10.0.0.1', '192.168.0.0/16'],
    });
    expect(config.appUrl.origin).toBe('https://roster.example.org');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ BCRYPT_COST: '3' }, 'BCRYPT_COST'],
    [{ SECRET_KEY: 'short' }, 'SECRET_KEY'],
    [{ APP_URL: 'not a url' }, 'APP_URL'],
    [{ APP_URL: 'ftp://x' }, 'APP_URL'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL'],
    [{ INITIAL_ADMIN_USERNAME: 'root' }, 'INITIAL_ADMIN_'],
  ])('stops on a bad value and names the variable: %o', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });

  it('generates the secret key once, mode 0600, and reuses it', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-config-'));
    try {
      const config = loadConfig({ DATA_DIR: dataDir });
      const first = resolveSecretKey(config);
      expect(first.length).toBeGreaterThanOrEqual(32);
      expect(fs.statSync(path.join(dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
      expect(resolveSecretKey(config)).toBe(first);
      expect(resolveSecretKey(loadConfig({ DATA_DIR: dataDir, SECRET_KEY: 's'.repeat(40) }))).toBe(
        's'.repeat(40),
      );
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('instances generating the key at the same moment all read the same whole key', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-config-race-'));
    const here = path.dirname(fileURLToPath(import.meta.url));
    const script = `
      import { loadConfig, resolveSecretKey } from ${JSON.stringify(path.join(here, 'config.ts'))};
      process.stdout.write(resolveSecretKey(loadConfig({ DATA_DIR: process.argv[1] })));
    `;
    try {
      const keys = await Promise.all(
        Array.from(
          { length: 6 },
          () =>
            new Promise<string>((resolve, reject) => {
              execFile(
                process.execPath,
                ['--import', 'tsx', '--input-type=module', '-e', script, dataDir],
                { cwd: here },
                (error, stdout) => {
                  if (error) reject(new Error(`the instance failed: ${error.message}`));
                  else resolve(stdout);
                },
              );
            }),
        ),
      );
      expect(new Set(keys).size).toBe(1);
      expect(keys[0]?.length).toBeGreaterThanOrEqual(32);
      expect(fs.readFileSync(path.join(dataDir, 'secret.key'), 'utf8').trim()).toBe(keys[0]);
      // No temporary file is left behind.
      expect(fs.readdirSync(dataDir)).toEqual(['secret.key']);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);

  it('refuses a key file that is too short, on every read', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-config-short-'));
    try {
      fs.writeFileSync(path.join(dataDir, 'secret.key'), 'half-a-key\n', { mode: 0o600 });
      expect(() => resolveSecretKey(loadConfig({ DATA_DIR: dataDir }))).toThrow(ConfigError);
      expect(() => resolveSecretKey(loadConfig({ DATA_DIR: dataDir }))).toThrow(/shorter than 32/);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
