import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  authenticateApiKey,
  createApiKey,
  createUser,
  type MailMessage,
  requestPasswordReset,
  resendVerification,
  UsersCreate,
} from '@roster/users';
import { createRuntime, loadConfig, type Runtime } from '@roster/users/server';
import { GOOD_PASSWORD, tokenFromMail } from '@roster/users/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Every byte the database keeps on disk: the SQLite file, its WAL and shared memory. */
function databaseBytes(dataDir: string): Buffer {
  return Buffer.concat(
    fs
      .readdirSync(dataDir)
      .filter((name) => name.startsWith('roster.db'))
      .map((name) => fs.readFileSync(path.join(dataDir, name))),
  );
}

describe('tokens at rest (README › Security)', () => {
  let dataDir: string;
  let runtime: Runtime;
  const sent: MailMessage[] = [];

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-at-rest-'));
    runtime = createRuntime(
      loadConfig({ DATA_DIR: dataDir, BCRYPT_COST: '4', SECRET_KEY: 'k'.repeat(40) }),
      {
        logger: silent,
        transport: {
          send: (message) => {
            sent.push(message);
            return Promise.resolve();
          },
          close: () => undefined,
        },
      },
    );
    await runtime.start();
    const s = runtime.services;
    await createUser(
      s,
      UsersCreate.parse({
        name: 'Rest',
        username: 'rest',
        email: 'rest@example.com',
        password: GOOD_PASSWORD,
        emailVerified: false,
      }),
    );
  });
  afterAll(async () => {
    await runtime.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const waitForMail = async (count: number) => {
    for (let i = 0; i < 400 && sent.length < count; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(sent.length).toBeGreaterThanOrEqual(count);
  };

  it('after a reset link is sent, no database file holds it, and the delivered body is gone', async () => {
    requestPasswordReset(runtime.services, { ip: null, userAgent: null }, 'rest@example.com');
    await waitForMail(1);
    const token = tokenFromMail(sent[0] ?? { text: '' }, '/reset-password');
    resendVerification(runtime.services, { ip: null, userAgent: null }, 'rest@example.com');
    await waitForMail(2);
    const verification = tokenFromMail(sent[1] ?? { text: '' }, '/verify-email');
    await runtime.mailWorker.flush();

    const bytes = databaseBytes(dataDir);
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes.includes(token)).toBe(false);
    expect(bytes.includes(verification)).toBe(false);
    expect(bytes.includes('reset-password?token=')).toBe(false);

    const rows = await runtime.services.db
      .selectFrom('mailOutbox')
      .select(['textBody', 'htmlBody', 'sentAt'])
      .execute();
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.sentAt).not.toBeNull();
      expect(row).toMatchObject({ textBody: '', htmlBody: '' });
    }
  });

  it('no database file holds an API key, only its SHA-256', async () => {
    const s = runtime.services;
    const owner = await createUser(
      s,
      UsersCreate.parse({
        name: 'Key',
        username: 'keyowner',
        email: 'keyowner@example.com',
        password: GOOD_PASSWORD,
      }),
    );
    const meta = { ip: null, userAgent: null };
    const { key } = await createApiKey(s, owner, meta, {
      name: 'Backup',
      scopes: ['me:read'],
      expiresInDays: null,
      stepUp: { password: GOOD_PASSWORD },
    });
    expect((await authenticateApiKey(s, key, meta)).user.id).toBe(owner.id);
    const bytes = databaseBytes(dataDir);
    // The prefix (12 characters) is shown in lists; the rest of the key is nowhere.
    expect(bytes.includes(key)).toBe(false);
    expect(bytes.includes(key.slice(12))).toBe(false);
    expect(bytes.includes(key.slice(12, 32))).toBe(false);
    expect(bytes.includes(Buffer.from(key.slice(4), 'base64url'))).toBe(false);
  });

  it('a message waiting for delivery is stored sealed', async () => {
    await runtime.mailWorker.stop();
    requestPasswordReset(runtime.services, { ip: null, userAgent: null }, 'rest@example.com');
    let rows: { textBody: string }[] = [];
    for (let i = 0; i < 400 && rows.length === 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      rows = await runtime.services.db
        .selectFrom('mailOutbox')
        .select('textBody')
        .where('sentAt', 'is', null)
        .execute();
    }
    expect(rows).toHaveLength(1);
    expect(rows[0]?.textBody).toMatch(/^v1\./);
    expect(rows[0]?.textBody).not.toContain('reset-password');
    expect(databaseBytes(dataDir).includes('reset-password?token=')).toBe(false);
  });
});
