import fs from 'node:fs';
import path from 'node:path';
import { totpCode, type UsersRead } from '@roster/users';
import { DIALECTS, GOOD_PASSWORD, solidImage, TEST_APP_URL } from '@roster/users/testing';
import { SoftAuthenticator } from '@roster/users/testing/webauthn';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type Browser,
  createHarness,
  expectCode,
  expectRosterCode,
  fieldOf,
  type Harness,
} from './harness';

// Owning one's data (docs/api.md §14): the export, and deleting one's own account.

const ORIGIN = new URL(TEST_APP_URL).origin;

function photoForm(bytes: Buffer): FormData {
  const data = new FormData();
  data.append('file', new File([new Uint8Array(bytes)], 'me.png', { type: 'image/png' }));
  return data;
}

describe.each(DIALECTS)('me.export and me.deleteAccount on %s', (dialect) => {
  let h: Harness;
  let user: UsersRead;
  let owner: Browser;

  beforeEach(async () => {
    h = await createHarness(dialect);
    ({ browser: owner, user } = await h.signedIn({
      username: 'nina',
      email: 'nina@example.com',
      preferredLanguage: 'de',
    }));
  });
  afterEach(async () => {
    await h.destroy();
  });

  /** Gives the account one of everything: photo, MFA, a passkey, a key, an identity, sessions. */
  async function furnish() {
    await owner.api.me.uploadPhoto(photoForm(await solidImage('png', 64, 64)));
    const setup = await owner.api.mfa.setup();
    const { backupCodes } = await owner.api.mfa.enable({
      code: await totpCode(setup.secret, h.s.clock.now()),
      password: GOOD_PASSWORD,
    });
    const stepUp = async () => {
      h.s.clock.advance(30_000);
      return { password: GOOD_PASSWORD, code: await totpCode(setup.secret, h.s.clock.now()) };
    };
    const device = new SoftAuthenticator();
    const options = await owner.api.me.passkeys.registrationOptions({ stepUp: await stepUp() });
    await owner.api.me.passkeys.register({
      name: 'Laptop',
      response: await device.register(options, ORIGIN),
    });
    const created = await owner.api.me.apiKeys.create({
      name: 'Backup',
      scopes: ['me:read'],
      expiresInDays: null,
      stepUp: await stepUp(),
    });
    const now = h.s.clock.now();
    const provider = await h.s.db
      .insertInto('identityProviders')
      .values({
        slug: 'corp',
        name: 'Corp ID',
        issuer: 'https://id.example.com',
        clientId: 'roster',
        clientSecret: 'sealed-secret-value',
        tokenEndpointAuthMethod: 'client_secret_basic',
        scopes: 'openid email profile',
        createdAt: now,
        updatedAt: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await h.s.db
      .insertInto('userIdentities')
      .values({
        userId: user.id,
        providerId: provider.id,
        subject: 'sub-123',
        email: 'nina@corp.example',
        linkedAt: now,
      })
      .execute();
    const second = h.browser('203.0.113.99');
    const login = await second.api.auth.login({ username: 'nina', password: GOOD_PASSWORD });
    expect(login.status).toBe('mfa_required');
    h.s.clock.advance(30_000);
    await second.api.auth.verifyMfa({ code: await totpCode(setup.secret, h.s.clock.now()) });
    return { setup, backupCodes, key: created.key, second, stepUp };
  }

  it('exports every section, and no secret', async () => {
    const { setup, backupCodes, key } = await furnish();
    const data = await owner.api.me.export();
    expect(data.format).toBe('roster-account-export/1');
    expect(data.profile).toMatchObject({ username: 'nina', email: 'nina@example.com' });
    expect(data.profile).toHaveProperty('hideActivityMap');
    expect(data.photo?.contentType).toBe('image/webp');
    const photoPath = data.profile.photoPath ?? '';
    expect(Buffer.from(data.photo?.base64 ?? '', 'base64')).toEqual(
      fs.readFileSync(path.join(h.s.photosDir, photoPath)),
    );
    expect(data.mfa).toEqual({ enabled: true, backupCodesRemaining: 10, passkeys: 1 });
    expect(data.sessions).toHaveLength(2);
    expect(data.sessions.filter((session) => session.current)).toHaveLength(1);
    expect(data.securityEvents.map((event) => event.event)).toEqual(
      expect.arrayContaining(['mfa_enabled', 'passkey_added', 'api_key_created']),
    );
    expect(data.identities).toMatchObject([
      { provider: { slug: 'corp' }, email: 'nina@corp.example' },
    ]);
    expect(data.passkeys).toMatchObject([{ name: 'Laptop' }]);
    expect(data.apiKeys).toMatchObject([{ name: 'Backup', scopes: ['me:read'] }]);

    const text = JSON.stringify(data);
    const row = await h.s.db
      .selectFrom('users')
      .select(['passwordHash', 'mfaSecret'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    const secrets = [
      row.passwordHash,
      row.mfaSecret ?? '',
      setup.secret,
      ...backupCodes,
      key,
      key.slice(12),
      owner.cookies.get('roster_session') ?? '',
      'sealed-secret-value',
      ...(await h.s.db.selectFrom('apiKeys').select('keyHash').execute()).map((k) => k.keyHash),
      ...(await h.s.db.selectFrom('sessions').select('tokenHash').execute()).map(
        (k) => k.tokenHash,
      ),
      ...(await h.s.db.selectFrom('passkeys').select('publicKey').execute()).map(
        (k) => k.publicKey,
      ),
      ...(await h.s.db.selectFrom('mfaBackupCodes').select('codeHash').execute()).map(
        (k) => k.codeHash,
      ),
    ];
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(5);
      expect(text.includes(secret)).toBe(false);
    }
    expect(text).not.toMatch(/passwordHash|mfaSecret|tokenHash|keyHash|publicKey|"subject"/);
  });

  it('exports through a me:read key too, not to anyone else', async () => {
    const { key } = await owner.api.me.apiKeys.create({
      name: 'Export',
      scopes: ['me:read'],
      expiresInDays: 1,
      stepUp: { password: GOOD_PASSWORD },
    });
    const exported = await h.script(key).api.me.export();
    expect(exported.profile.username).toBe('nina');
    expect(exported.sessions.every((session) => !session.current)).toBe(true);
    await expectRosterCode(h.browser().api.me.export(), 'SIGNED_OUT');
  });

  it('deletes the account with everything of it, ends every session and tells the address', async () => {
    const { second, stepUp } = await furnish();
    const photoPath = (await owner.api.me.get()).photoPath ?? '';
    expect(fs.existsSync(path.join(h.s.photosDir, photoPath))).toBe(true);

    expect(await owner.api.me.deleteAccount({ username: 'Nina', stepUp: await stepUp() })).toEqual({
      ok: true,
    });
    expect(owner.setCookies.at(-1)).toBe('roster_session=; Max-Age=0');
    await expectRosterCode(owner.api.me.get(), 'SIGNED_OUT');
    await expectRosterCode(second.api.me.get(), 'SIGNED_OUT');
    const db = h.s.db;
    const left = async (table: 'users' | 'sessions' | 'apiKeys' | 'passkeys' | 'userIdentities') =>
      db.selectFrom(table).select('id').where('id', '>', 0).execute();
    expect(await left('users')).toEqual([]);
    expect(await left('sessions')).toEqual([]);
    expect(await left('apiKeys')).toEqual([]);
    expect(await left('passkeys')).toEqual([]);
    expect(await left('userIdentities')).toEqual([]);
    expect(await db.selectFrom('mfaBackupCodes').select('userId').execute()).toEqual([]);
    expect(await db.selectFrom('userPrivacySettings').select('userId').execute()).toEqual([]);
    expect(fs.existsSync(path.join(h.s.photosDir, photoPath))).toBe(false);
    // The person's own activity goes; the log keeps that the account was deleted.
    const events = await db.selectFrom('securityEvents').select('event').execute();
    expect(events.map((event) => event.event)).toEqual(['account_deleted']);
    // Told in their language.
    const mail = (await h.s.outbox()).at(-1);
    expect(mail).toMatchObject({
      to: 'nina@example.com',
      subject: 'Ihr Roster-Konto wurde gelöscht',
    });
    expect(mail?.text).toContain('nina');
    expect(h.s.wakeCount()).toBeGreaterThan(0);
    // The username and address are free again.
    await expectCode(
      h.browser().api.auth.login({ username: 'nina', password: GOOD_PASSWORD }),
      'UNAUTHORIZED',
    );
  });

  it('refuses a wrong username or a missing or wrong step-up, and keeps everything', async () => {
    const mismatch = await expectRosterCode(
      owner.api.me.deleteAccount({ username: 'nino', stepUp: { password: GOOD_PASSWORD } }),
      'USERNAME_MISMATCH',
    );
    expect(fieldOf(mismatch)).toBe('username');
    await expectRosterCode(
      owner.api.me.deleteAccount({ username: 'nina', stepUp: {} }),
      'STEP_UP_REQUIRED',
    );
    const failed = await expectRosterCode(
      owner.api.me.deleteAccount({ username: 'nina', stepUp: { password: 'Wrong-pass-42' } }),
      'STEP_UP_FAILED',
    );
    expect(fieldOf(failed)).toBe('stepUp.password');
    await expectRosterCode(
      owner.api.me.deleteAccount({
        username: 'nina',
        stepUp: { password: GOOD_PASSWORD },
        extra: 1,
      } as never),
      'INVALID_INPUT',
    );
    expect((await owner.api.me.get()).username).toBe('nina');
    expect(await h.s.outbox()).toEqual([]);
    await expectRosterCode(
      h.browser().api.me.deleteAccount({ username: 'nina', stepUp: { password: GOOD_PASSWORD } }),
      'SIGNED_OUT',
    );
  });

  it('judges at most 5 wrong step-ups of 30 deletions sent at once', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, () =>
        owner.api.me.deleteAccount({ username: 'nina', stepUp: { password: 'Wrong-pass-42' } }),
      ),
    );
    const codes = results.map((result) =>
      result.status === 'rejected'
        ? (result.reason as { cause?: { code?: string } }).cause?.code
        : 'OK',
    );
    expect(codes.filter((code) => code === 'STEP_UP_FAILED')).toHaveLength(5);
    expect(codes.filter((code) => code === 'ACCOUNT_LOCKED')).toHaveLength(25);
    expect((await h.s.db.selectFrom('users').select('id').execute()).length).toBe(1);
  });

  it('refuses the last active admin before judging the step-up', async () => {
    const { browser: admin } = await h.signedIn({
      username: 'root',
      email: 'root@example.com',
      accessType: 'admin',
    });
    const error = await expectRosterCode(
      admin.api.me.deleteAccount({ username: 'root', stepUp: { password: 'Wrong-pass-42' } }),
      'LAST_ADMIN',
    );
    expect(error.code).toBe('CONFLICT');
    expect((await admin.api.me.get()).username).toBe('root');
    expect(await h.s.db.selectFrom('throttleEvents').select('id').execute()).toEqual([]);
  });

  it('deletes once when asked 30 times at once, with one email', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, () =>
        owner.api.me.deleteAccount({ username: 'nina', stepUp: { password: GOOD_PASSWORD } }),
      ),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const mails = (await h.s.outbox()).filter((mail) => mail.to === 'nina@example.com');
    expect(mails).toHaveLength(1);
    expect(await h.s.db.selectFrom('users').select('id').execute()).toEqual([]);
  });

  it('of two last admins deleting themselves at once, one stays', async () => {
    const a = await h.signedIn({
      username: 'alpha',
      email: 'alpha@example.com',
      accessType: 'admin',
    });
    const b = await h.signedIn({
      username: 'beta',
      email: 'beta@example.com',
      accessType: 'admin',
    });
    const results = await Promise.allSettled([
      a.browser.api.me.deleteAccount({ username: 'alpha', stepUp: { password: GOOD_PASSWORD } }),
      b.browser.api.me.deleteAccount({ username: 'beta', stepUp: { password: GOOD_PASSWORD } }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const admins = await h.s.db
      .selectFrom('users')
      .select('username')
      .where('accessType', '=', 'admin')
      .execute();
    expect(admins).toHaveLength(1);
  });
});
