import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The one place that reads the environment for the server (README › Configuration). Bad values stop the server
 * with a message that names the variable.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));

const intInRange = (min: number, max: number, fallback: number) =>
  optionalString.transform((value, ctx) => {
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
      ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}` });
      return z.NEVER;
    }
    return parsed;
  });

const positiveNumber = (fallback: number) =>
  optionalString.transform((value, ctx) => {
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed <= 0) {
      ctx.addIssue({ code: 'custom', message: 'must be a positive number' });
      return z.NEVER;
    }
    return parsed;
  });

const EnvSchema = z.object({
  NODE_ENV: optionalString,
  PORT: intInRange(1, 65535, 3000),
  HOST: optionalString,
  APP_URL: optionalString,
  DATA_DIR: optionalString,
  DATABASE_URL: optionalString,
  SECRET_KEY: optionalString.refine((value) => value === undefined || value.length >= 32, {
    error: 'must be at least 32 characters long',
  }),
  SMTP_URL: optionalString.refine((value) => value === undefined || /^smtps?:\/\//.test(value), {
    error: 'must start with smtp:// or smtps://',
  }),
  MAIL_FROM: optionalString,
  BCRYPT_COST: intInRange(4, 31, 12),
  INITIAL_ADMIN_USERNAME: optionalString,
  INITIAL_ADMIN_EMAIL: optionalString,
  INITIAL_ADMIN_PASSWORD: optionalString,
  TRUSTED_PROXIES: optionalString,
  SESSION_IDLE_DAYS: positiveNumber(7),
  SESSION_MAX_DAYS: positiveNumber(30),
  HASH_CONCURRENCY: intInRange(1, 64, 0),
  HASH_QUEUE: intInRange(1, 100_000, 64),
  // Set by npm and pnpm to the directory the command was run from (scripts run in the package's).
  INIT_CWD: optionalString,
});

export interface InitialAdmin {
  username: string;
  email: string;
  password: string;
}

export interface Config {
  production: boolean;
  port: number;
  host: string;
  appUrl: URL;
  /** True when APP_URL is https: Secure cookies with the __Host- prefix, HSTS. */
  secure: boolean;
  dataDir: string;
  databaseUrl: string;
  secretKey: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  bcryptCost: number;
  initialAdmin: InitialAdmin | null;
  trustedProxies: string[];
  sessionIdleMs: number;
  sessionMaxMs: number;
  /** How many bcrypt computations may run at once; 0 picks one from the core count. */
  hashConcurrency: number;
  /** How many more may wait before sign-ins are refused with TOO_MANY_REQUESTS (BUSY). */
  hashQueue: number;
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}.`);
  }
  const e = parsed.data;

  const appUrlText = e.APP_URL ?? `http://localhost:${e.PORT}`;
  let appUrl: URL;
  try {
    appUrl = new URL(appUrlText);
  } catch {
    throw new ConfigError(`Invalid configuration: APP_URL is not a URL ("${appUrlText}").`);
  }
  if (appUrl.protocol !== 'http:' && appUrl.protocol !== 'https:') {
    throw new ConfigError('Invalid configuration: APP_URL must start with http:// or https://.');
  }

  // Relative paths are relative to where the person ran the command, not to the package folder
  // that pnpm runs the script in.
  const baseDir = e.INIT_CWD ?? process.cwd();
  const dataDir = path.resolve(baseDir, e.DATA_DIR ?? './data');
  const adminParts = [e.INITIAL_ADMIN_USERNAME, e.INITIAL_ADMIN_EMAIL, e.INITIAL_ADMIN_PASSWORD];
  const adminCount = adminParts.filter((part) => part !== undefined).length;
  if (adminCount !== 0 && adminCount !== 3) {
    throw new ConfigError(
      'Invalid configuration: set all three of INITIAL_ADMIN_USERNAME, INITIAL_ADMIN_EMAIL and INITIAL_ADMIN_PASSWORD, or none.',
    );
  }

  return {
    production: e.NODE_ENV === 'production',
    port: e.PORT,
    host: e.HOST ?? '0.0.0.0',
    appUrl,
    secure: appUrl.protocol === 'https:',
    dataDir,
    databaseUrl: resolveSqlitePath(
      e.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'roster.db')}`,
      baseDir,
    ),
    secretKey: e.SECRET_KEY,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM ?? 'Roster <no-reply@localhost>',
    bcryptCost: e.BCRYPT_COST,
    initialAdmin:
      adminCount === 3
        ? {
            username: e.INITIAL_ADMIN_USERNAME ?? '',
            email: e.INITIAL_ADMIN_EMAIL ?? '',
            password: e.INITIAL_ADMIN_PASSWORD ?? '',
          }
        : null,
    trustedProxies: (e.TRUSTED_PROXIES ?? '')
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
    sessionIdleMs: e.SESSION_IDLE_DAYS * 24 * 3600 * 1000,
    sessionMaxMs: e.SESSION_MAX_DAYS * 24 * 3600 * 1000,
    hashConcurrency: e.HASH_CONCURRENCY,
    hashQueue: e.HASH_QUEUE,
  };
}

function resolveSqlitePath(url: string, baseDir: string): string {
  if (!url.startsWith('sqlite:')) return url;
  const file = url.slice('sqlite:'.length);
  return file === ':memory:' ? url : `sqlite:${path.resolve(baseDir, file)}`;
}

/** A key shorter than this is refused, wherever it comes from. */
const MIN_SECRET_KEY_LENGTH = 32;

function readKeyFile(file: string): string {
  const key = fs.readFileSync(file, 'utf8').trim();
  if (key.length < MIN_SECRET_KEY_LENGTH) {
    throw new ConfigError(
      `${file} holds a key shorter than ${MIN_SECRET_KEY_LENGTH} characters; fix or remove it.`,
    );
  }
  return key;
}

/**
 * SECRET_KEY, or the key generated once into `$DATA_DIR/secret.key` (mode 0600) on first start.
 * The file is written whole under a temporary name and then linked into place, which fails if
 * the file exists: instances starting together never read half a key, and all use the first one
 * written. Instances sharing a database must share the key, so a PostgreSQL deployment sets it.
 */
export function resolveSecretKey(config: Config): string {
  if (config.secretKey) return config.secretKey;
  const file = path.join(config.dataDir, 'secret.key');
  fs.mkdirSync(config.dataDir, { recursive: true });
  try {
    return readKeyFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = crypto.randomBytes(32).toString('base64url');
  const temporary = `${file}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`;
  fs.writeFileSync(temporary, `${key}\n`, { mode: 0o600, flag: 'wx' });
  try {
    fs.linkSync(temporary, file);
  } catch (error) {
    // Another process put its key in place first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    fs.rmSync(temporary, { force: true });
  }
  return readKeyFile(file);
}
