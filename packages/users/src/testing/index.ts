// Test helpers shared by the packages' test suites: a fresh database per suite on each dialect,
// services with a manual clock, a fast hasher and an inspectable outbox.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { type ManualClock, manualClock } from '../clock';
import { type DatabaseHandle, type Dialect, openDatabase } from '../db/connection';
import { migrateToLatest } from '../db/migrate';
import type { Database } from '../db/types';
import { type MailMessage, openMailBodies } from '../mail/outbox';
import { createBcryptHasher } from '../passwords/hasher';
import type { Services } from '../services';
import { updateServerSettings } from '../settings/settings.repository';
import { getAllMail } from '../mail/outbox.repository';
import type { ServerSettingsUpdate } from '../schemas/settings';

export { seededUser, seedUsers, type SeedOptions } from './seed';

/** Set by `.ci/run` and `scripts/with-postgres.sh`: a PostgreSQL server the tests may create databases on. */
export const TEST_POSTGRES_URL = process.env.ROSTER_TEST_PG_URL;

/** SQLite always; PostgreSQL whenever one is reachable (CI always starts one). */
export const DIALECTS: Dialect[] = TEST_POSTGRES_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestDatabase extends DatabaseHandle {
  /** Drops the database (PostgreSQL) and closes the connection. */
  destroy(): Promise<void>;
}

/**
 * Drops a test database once its last connection has gone. pg's pool.end() resolves before the
 * sockets close, and forcing the drop would kill them with an error nobody listens to.
 */
async function dropDatabase(name: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await client.query(`drop database if exists ${name}`);
        return;
      } catch (error) {
        // 55006: the database is still being accessed.
        if ((error as { code?: string }).code !== '55006' || attempt >= 100) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  } finally {
    await client.end();
  }
}

/** A fresh, migrated database: SQLite in memory, or a new database on the test PostgreSQL server. */
export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const handle = openDatabase('sqlite::memory:');
    await migrateToLatest(handle.db);
    return { ...handle, destroy: () => handle.close() };
  }
  if (!TEST_POSTGRES_URL) throw new Error('ROSTER_TEST_PG_URL is not set');
  const name = `roster_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  const handle = openDatabase(url.toString(), { poolSize: 4 });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    async destroy() {
      await handle.close();
      await dropDatabase(name);
    },
  };
}

/** The URL of a fresh, empty PostgreSQL database (for tests that start servers on it). */
export async function createEmptyPostgresDatabase(): Promise<{
  url: string;
  drop(): Promise<void>;
}> {
  if (!TEST_POSTGRES_URL) throw new Error('ROSTER_TEST_PG_URL is not set');
  const name = `roster_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => dropDatabase(name),
  };
}

export interface TestServices extends Services {
  clock: ManualClock;
  /** Runs the work handed to `defer`, in order, as the server would after the response. */
  settle(): Promise<void>;
  /** How many times a delivery was asked for. */
  wakeCount(): number;
  /** Queued messages, oldest first, unsealed (a delivered message has no body any more). */
  outbox(): Promise<(MailMessage & { id: number; sentAt: number | null })[]>;
  settings(patch: ServerSettingsUpdate): Promise<void>;
  tempDir: string;
  destroy(): Promise<void>;
}

export const TEST_APP_URL = 'http://roster.test';

/** One fast hasher (cost 4) shared by every test of a run: its threads start once. */
const testHasher = createBcryptHasher({ cost: 4, concurrency: 2 });

/** Services over a fresh database: manual clock, bcrypt at cost 4, mail only queued. */
export async function createTestServices(dialect: Dialect = 'sqlite'): Promise<TestServices> {
  const database = await createTestDatabase(dialect);
  const db: Kysely<Database> = database.db;
  const clock = manualClock(Date.UTC(2026, 10, 1, 12, 0, 0));
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-test-'));
  const mailKey = crypto.randomBytes(32);
  let wakes = 0;
  // Held until settle(): a test sees the state right after the response, then after the work.
  const deferred: (() => Promise<void>)[] = [];
  return {
    defer(task) {
      deferred.push(task);
    },
    async settle() {
      while (deferred.length > 0) {
        const task = deferred.shift();
        if (task) await task();
      }
    },
    db,
    clock,
    hasher: testHasher,
    mailer: {
      wake: () => {
        wakes += 1;
      },
    },
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    sessionPolicy: { idleMs: 7 * 24 * 3600 * 1000, maxMs: 30 * 24 * 3600 * 1000 },
    appUrl: new URL(TEST_APP_URL),
    photosDir: path.join(tempDir, 'photos'),
    mfaKey: crypto.randomBytes(32),
    mailKey,
    idpKey: crypto.randomBytes(32),
    tempDir,
    wakeCount: () => wakes,
    async outbox() {
      const rows = await getAllMail(db);
      return rows.map((row) => ({
        id: row.id,
        to: row.recipient,
        subject: row.subject,
        ...(row.sentAt === null ? openMailBodies(mailKey, row) : { text: '', html: '' }),
        sentAt: row.sentAt,
      }));
    },
    async settings(patch) {
      await updateServerSettings(db, patch);
    },
    async destroy() {
      await database.destroy();
      fs.rmSync(tempDir, { recursive: true, force: true });
    },
  };
}

/** Finds the first link to `pathname` in a message and returns its token. */
export function tokenFromMail(message: Pick<MailMessage, 'text'>, pathname: string): string {
  const match = new RegExp(`${pathname.replace(/[/-]/g, '\\$&')}\\?token=([A-Za-z0-9_-]+)`).exec(
    message.text,
  );
  if (!match?.[1]) throw new Error(`no ${pathname} link in the message`);
  return match[1];
}

/** A password that satisfies the default strict policy for admins and regular users. */
export const GOOD_PASSWORD = 'Correct-Horse-42';
export * from './images';
