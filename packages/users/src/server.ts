import { deleteOidcFlowsExpiredBy } from './oidc/oidc-flows.repository';
import crypto from 'node:crypto';
import path from 'node:path';
import { bootstrapFirstAdmin } from './auth/bootstrap';
import { type Clock, MINUTE, systemClock } from './clock';
import { type Config, loadConfig, resolveSecretKey } from './config';
import { type DatabaseHandle, openDatabase } from './db/connection';
import { migrateToLatest } from './db/migrate';
import { deleteExpiredPendingLogins } from './auth/pending-login';
import {
  type Logger,
  type MailTransport,
  consoleLogger,
  fileTransport,
  smtpTransport,
} from './mail/transport';
import { type MailWorker, createMailWorker } from './mail/worker';
import { createBcryptHasher } from './passwords/hasher';
import type { Services } from './services';
import { deleteExpiredSessions } from './sessions/sessions.service';
import { deleteOldThrottleEvents } from './throttle/throttle';
import { deleteOldEmailTokens } from './tokens/email-tokens';

export { loadConfig, ConfigError, type Config } from './config';

/** A 32-byte key for one purpose, derived from SECRET_KEY with HKDF-SHA-256. */
function deriveKey(secretKey: string, purpose: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', secretKey, 'roster', purpose, 32));
}

/** The key that encrypts MFA secrets. */
export function deriveMfaKey(secretKey: string): Buffer {
  return deriveKey(secretKey, 'mfa-secret-encryption');
}

export interface Runtime {
  config: Config;
  services: Services;
  database: DatabaseHandle;
  mailWorker: MailWorker;
  /** Migrations, the first admin, the mail sender and clean-up jobs. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Builds everything the server needs from the configuration; nothing runs until `start()`. */
export function createRuntime(
  config: Config,
  options: { clock?: Clock; logger?: Logger; transport?: MailTransport } = {},
): Runtime {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? consoleLogger;
  const database = openDatabase(config.databaseUrl);
  const transport =
    options.transport ??
    (config.smtpUrl
      ? smtpTransport(config.smtpUrl, config.mailFrom)
      : fileTransport(path.join(config.dataDir, 'mail'), config.mailFrom, logger));
  const secretKey = resolveSecretKey(config);
  const mailKey = deriveKey(secretKey, 'mail-outbox-encryption');
  const mailWorker = createMailWorker({ db: database.db, clock, mailKey, transport, logger });
  const services: Services = {
    db: database.db,
    clock,
    hasher: createBcryptHasher({
      cost: config.bcryptCost,
      concurrency: config.hashConcurrency,
      maxQueue: config.hashQueue,
    }),
    mailer: mailWorker,
    logger,
    sessionPolicy: { idleMs: config.sessionIdleMs, maxMs: config.sessionMaxMs },
    appUrl: config.appUrl,
    photosDir: path.join(config.dataDir, 'photos'),
    mfaKey: deriveMfaKey(secretKey),
    mailKey,
    idpKey: deriveKey(secretKey, 'identity-provider-secrets'),
    defer(task) {
      setImmediate(() => {
        task().catch((error: unknown) => {
          logger.error(
            `background task failed: ${error instanceof Error ? error.message : String(error)}`,
          );
        });
      });
    },
  };
  let cleanupTimer: NodeJS.Timeout | undefined;
  let cleaning: Promise<void> | undefined;

  function cleanUp(): Promise<void> {
    cleaning ??= removeExpired().finally(() => {
      cleaning = undefined;
    });
    return cleaning;
  }

  async function removeExpired(): Promise<void> {
    try {
      await deleteExpiredSessions(services);
      await deleteExpiredPendingLogins(services);
      await deleteOldThrottleEvents(services);
      await deleteOldEmailTokens(services);
      await deleteOidcFlowsExpiredBy(services.db, services.clock.now());
    } catch (error) {
      logger.error(`clean-up failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  return {
    config,
    services,
    database,
    mailWorker,
    async start() {
      await migrateToLatest(database.db);
      const outcome = await bootstrapFirstAdmin(services, config.initialAdmin);
      if (outcome.kind === 'admin_created') {
        logger.info(`Created the first administrator "${outcome.username}" from INITIAL_ADMIN_*.`);
      } else if (outcome.kind === 'setup_code') {
        const setupUrl = new URL('/setup', config.appUrl).toString();
        logger.info(
          [
            '',
            '  No administrator yet. Create one at',
            `    ${setupUrl}`,
            `  with this one-time setup code:  ${outcome.code}`,
            '',
          ].join('\n'),
        );
      } else if (outcome.kind === 'users_without_admin') {
        logger.warn('There are users but no administrator: set INITIAL_ADMIN_* to create one.');
      }
      mailWorker.start();
      void cleanUp();
      cleanupTimer = setInterval(() => void cleanUp(), 10 * MINUTE);
      cleanupTimer.unref();
    },
    async stop() {
      if (cleanupTimer) clearInterval(cleanupTimer);
      await cleaning;
      await mailWorker.stop();
      await services.hasher.close();
      await database.close();
    },
  };
}

/** Reads the environment (README › Configuration) and builds the runtime. */
export function createRuntimeFromEnv(env: Record<string, string | undefined>): Runtime {
  return createRuntime(loadConfig(env));
}
