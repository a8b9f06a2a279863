import {
  API_KEY_SCOPES,
  type ApiKeyScope,
  DAY,
  MAX_API_KEYS_PER_USER,
  MINUTE,
  type UsersRead,
} from '@roster/users';
import { DIALECTS, GOOD_PASSWORD, tokenFromMail } from '@roster/users/testing';
import { TRPCError } from '@trpc/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appRouter } from '../src/root';
import { rosterCodeOf, scopeNeeded, type Meta } from '../src/trpc';
import {
  type Browser,
  createHarness,
  expectRosterCode,
  fieldOf,
  eventCount,
  fillApiKeys,
  type Harness,
  settledCodes,
} from './harness';

type AnyCall = (input?: unknown) => Promise<unknown>;

interface ProcedureInfo {
  path: string;
  type: 'query' | 'mutation' | 'subscription';
  meta: Meta | undefined;
}

const PROCEDURES: ProcedureInfo[] = Object.entries(appRouter._def.procedures).map(
  ([path, procedure]) => {
    const def = (procedure as unknown as { _def: { type: ProcedureInfo['type']; meta?: Meta } })
      ._def;
    return { path, type: def.type, meta: def.meta };
  },
);

/** What docs/api.md §13 says a key can never do: these must all refuse keys. */
const NEVER_WITH_A_KEY = [
  'me.apiKeys.list',
  'me.apiKeys.create',
  'me.apiKeys.revoke',
  'admin.users.apiKeys.revoke',
  'me.sessions.list',
  'me.sessions.revoke',
  'me.sessions.revokeOthers',
  'auth.login',
  'auth.logout',
  'auth.verifyMfa',
  'setup.createAdmin',
  'mfa.setup',
  'mfa.enable',
  'mfa.disable',
  'mfa.regenerateBackupCodes',
  'auth.passkeyOptions',
  'auth.passkeyLogin',
  'auth.mfaPasskeyOptions',
  'me.passkeys.registrationOptions',
  'me.passkeys.register',
  'me.passkeys.rename',
  'me.passkeys.delete',
  'me.identities.link',
  'me.identities.unlink',
  'me.changeEmail',
  'auth.confirmEmailChange',
  'auth.verifyEmail',
  'auth.resendVerification',
  'me.changePassword',
  'auth.requestPasswordReset',
  'auth.resetPassword',
  'me.deleteAccount',
  'admin.users.resetSecondFactors',
];

/** The table of docs/api.md §13. */
const SCOPE_OF: Record<string, ApiKeyScope> = {
  'me.get': 'me:read',
  'me.securityEvents': 'me:read',
  'me.export': 'me:read',
  'mfa.status': 'me:read',
  'me.passkeys.list': 'me:read',
  'me.identities.list': 'me:read',
  'me.update': 'me:write',
  'me.privacy.update': 'me:write',
  'me.uploadPhoto': 'me:write',
  'me.deletePhoto': 'me:write',
  'serverSettings.get': 'admin:read',
  'serverSettings.update': 'admin:write',
};

function expectedScope(info: ProcedureInfo): ApiKeyScope | 'public' | null {
  if (NEVER_WITH_A_KEY.includes(info.path)) return null;
  const listed = SCOPE_OF[info.path];
  if (listed) return listed;
  if (info.path.startsWith('admin.')) return info.type === 'query' ? 'admin:read' : 'admin:write';
  return info.meta?.access === 'public' ? 'public' : null;
}

/** The rosterCode a call answers with, or 'OK'. */
async function codeOf(browser: Browser, path: string, input?: unknown): Promise<string> {
  let target: unknown = browser.api;
  for (const part of path.split('.')) target = (target as Record<string, unknown>)[part];
  try {
    await (target as AnyCall)(input);
    return 'OK';
  } catch (error) {
    if (error instanceof TRPCError) return rosterCodeOf(error);
    throw error;
  }
}

describe('which procedures an API key may call (docs/api.md §13)', () => {
  it.each(PROCEDURES.map((info) => [info.path, info] as const))(
    '%s declares the scope of the table, or refuses keys',
    (_path, info) => {
      expect(scopeNeeded(info.meta?.scope, info.type)).toBe(expectedScope(info));
    },
  );

  it('names only procedures that exist', () => {
    const paths = new Set(PROCEDURES.map((info) => info.path));
    for (const path of [...NEVER_WITH_A_KEY, ...Object.keys(SCOPE_OF)]) {
      expect(paths.has(path), path).toBe(true);
    }
  });
});

describe.each(DIALECTS)('API keys on %s', (dialect) => {
  let h: Harness;
  let admin: UsersRead;
  let adminBrowser: Browser;
  let otherAdmin: Browser;
  let user: UsersRead;
  let owner: Browser;

  beforeEach(async () => {
    h = await createHarness(dialect);
    ({ browser: adminBrowser, user: admin } = await h.signedIn({
      username: 'ada',
      email: 'ada@example.com',
      accessType: 'admin',
    }));
    ({ browser: otherAdmin } = await h.signedIn({
      username: 'grace',
      email: 'grace@example.com',
      accessType: 'admin',
    }));
    ({ browser: owner, user } = await h.signedIn({ username: 'bob', email: 'bob@example.com' }));
  });
  afterEach(async () => {
    await h.destroy();
  });

  async function createKey(
    browser: Browser,
    scopes: ApiKeyScope[],
    expiresInDays: number | null = 30,
    name = 'Script',
  ) {
    return browser.api.me.apiKeys.create({
      name,
      scopes,
      expiresInDays,
      stepUp: { password: GOOD_PASSWORD },
    });
  }

  it('creates a key after a step-up, shows it once and lists only its metadata', async () => {
    await expectRosterCode(
      owner.api.me.apiKeys.create({
        name: 'x',
        scopes: ['me:read'],
        expiresInDays: 30,
        stepUp: {},
      }),
      'STEP_UP_REQUIRED',
    );
    const failed = await expectRosterCode(
      owner.api.me.apiKeys.create({
        name: 'x',
        scopes: ['me:read'],
        expiresInDays: 30,
        stepUp: { password: 'Wrong-pass-42' },
      }),
      'STEP_UP_FAILED',
    );
    expect(fieldOf(failed)).toBe('stepUp.password');
    expect(await owner.api.me.apiKeys.list()).toEqual([]);

    const created = await createKey(owner, ['me:write', 'me:read'], 30, 'Backup job');
    expect(created.key).toMatch(/^rst_[A-Za-z0-9_-]{43}$/);
    expect(created.apiKey).toEqual({
      id: created.apiKey.id,
      name: 'Backup job',
      prefix: created.key.slice(0, 12),
      scopes: ['me:read', 'me:write'],
      createdAt: new Date(h.s.clock.now()).toISOString(),
      lastUsedAt: null,
      expiresAt: new Date(h.s.clock.now() + 30 * DAY).toISOString(),
    });
    expect(await owner.api.me.apiKeys.list()).toEqual([created.apiKey]);
    expect(JSON.stringify(await owner.api.me.apiKeys.list())).not.toContain(created.key);
    // Only the SHA-256 is stored.
    const [row] = await h.s.db.selectFrom('apiKeys').selectAll().execute();
    expect(row?.keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(created.key.slice(12));
    const events = await owner.api.me.securityEvents();
    expect(events.map((event) => event.event)).toContain('api_key_created');
  });

  it('judges at most 5 wrong step-ups of 30 sent at once, and makes no key', async () => {
    const codes = await settledCodes(
      Array.from({ length: 30 }, () =>
        owner.api.me.apiKeys.create({
          name: 'x',
          scopes: ['me:read'],
          expiresInDays: 30,
          stepUp: { password: 'Wrong-pass-42' },
        }),
      ),
    );
    expect(codes.filter((code) => code === 'STEP_UP_FAILED')).toHaveLength(5);
    expect(codes.filter((code) => code === 'ACCOUNT_LOCKED')).toHaveLength(25);
    expect(await h.s.db.selectFrom('apiKeys').select('id').execute()).toEqual([]);
  });

  const keysOf = async (userId: number) =>
    (await h.s.db.selectFrom('apiKeys').select('id').where('userId', '=', userId).execute()).length;

  it(`holds at most ${String(MAX_API_KEYS_PER_USER)} keys per account, expired ones included`, async () => {
    await fillApiKeys(h.s, user.id, MAX_API_KEYS_PER_USER - 1);
    const last = await createKey(owner, ['me:read'], 1);
    const refused = await expectRosterCode(createKey(owner, ['me:read']), 'API_KEY_LIMIT');
    expect(refused.code).toBe('CONFLICT');
    expect(refused.cause).toMatchObject({ details: { max: MAX_API_KEYS_PER_USER } });
    // Judged before the step-up: a wrong password is not even looked at, so nothing counts.
    await expectRosterCode(
      owner.api.me.apiKeys.create({
        name: 'x',
        scopes: ['me:read'],
        expiresInDays: 30,
        stepUp: { password: 'Wrong-pass-42' },
      }),
      'API_KEY_LIMIT',
    );
    expect(await h.s.db.selectFrom('throttleEvents').select('id').execute()).toEqual([]);
    // An expired key still counts until it is revoked; revoking one makes room for one.
    h.s.clock.advance(2 * DAY);
    await expectRosterCode(createKey(owner, ['me:read']), 'API_KEY_LIMIT');
    await owner.api.me.apiKeys.revoke({ id: last.apiKey.id });
    await createKey(owner, ['me:read']);
    expect(await keysOf(user.id)).toBe(MAX_API_KEYS_PER_USER);
    // The bound is per account: another person is not held by this one's keys.
    await createKey(adminBrowser, ['me:read']);
  });

  it('makes one key of 30 creations sent at once for the last free place', async () => {
    await fillApiKeys(h.s, user.id, MAX_API_KEYS_PER_USER - 1);
    const codes = await settledCodes(
      Array.from({ length: 30 }, (_, i) => createKey(owner, ['me:read'], 30, `Race ${String(i)}`)),
    );
    expect(codes.filter((code) => code === 'OK')).toHaveLength(1);
    // The others are refused for the bound, or wait their turn behind the step-ups in flight.
    expect(codes.every((code) => ['OK', 'API_KEY_LIMIT', 'ACCOUNT_LOCKED'].includes(code))).toBe(
      true,
    );
    expect(codes).toContain('API_KEY_LIMIT');
    expect(await keysOf(user.id)).toBe(MAX_API_KEYS_PER_USER);
    expect(await eventCount(h.s, 'api_key_created')).toBe(1);
  });

  it('refuses bad input and keeps what is stored', async () => {
    await createKey(owner, ['me:read']);
    const bad = [
      { name: '', scopes: ['me:read'], expiresInDays: 30 },
      { name: 'x', scopes: [], expiresInDays: 30 },
      { name: 'x', scopes: ['me:everything'], expiresInDays: 30 },
      { name: 'x', scopes: ['me:read', 'me:read'], expiresInDays: 30 },
      { name: 'x', scopes: ['me:read'], expiresInDays: 0 },
      { name: 'x', scopes: ['me:read'], expiresInDays: 366 },
      { name: 'x', scopes: ['me:read'], expiresInDays: 1.5 },
      { name: 'x'.repeat(101), scopes: ['me:read'], expiresInDays: 30 },
    ];
    for (const input of bad) {
      await expectRosterCode(
        owner.api.me.apiKeys.create({
          ...input,
          stepUp: { password: GOOD_PASSWORD },
        } as never),
        'INVALID_INPUT',
      );
    }
    expect(await owner.api.me.apiKeys.list()).toHaveLength(1);
    await expectRosterCode(owner.api.me.apiKeys.revoke({ id: 999 }), 'NOT_FOUND');
  });

  it('gives the admin scopes only to administrators', async () => {
    const refused = await expectRosterCode(
      createKey(owner, ['me:read', 'admin:read']),
      'NOT_ALLOWED',
    );
    expect(fieldOf(refused)).toBe('scopes');
    expect(await owner.api.me.apiKeys.list()).toEqual([]);
    const { apiKey } = await createKey(adminBrowser, ['admin:read', 'admin:write']);
    expect(apiKey.scopes).toEqual(['admin:read', 'admin:write']);
  });

  it('needs a session: signed-out callers get nothing', async () => {
    const stranger = h.browser();
    await expectRosterCode(stranger.api.me.apiKeys.list(), 'SIGNED_OUT');
    await expectRosterCode(
      stranger.api.me.apiKeys.create({
        name: 'x',
        scopes: ['me:read'],
        expiresInDays: null,
        stepUp: { password: GOOD_PASSWORD },
      }),
      'SIGNED_OUT',
    );
    await expectRosterCode(stranger.api.me.apiKeys.revoke({ id: 1 }), 'SIGNED_OUT');
    await expectRosterCode(owner.api.admin.users.apiKeys.list({ id: user.id }), 'NOT_ALLOWED');
  });

  it('runs a call as the owner within each scope, and refuses it outside', async () => {
    const reader = h.script((await createKey(owner, ['me:read'])).key);
    const writer = h.script((await createKey(owner, ['me:write'])).key);
    expect((await reader.api.me.get()).username).toBe('bob');
    expect(await reader.api.mfa.status()).toMatchObject({ enabled: false });
    expect(await reader.api.me.passkeys.list()).toEqual([]);
    expect(await reader.api.me.identities.list()).toEqual([]);
    expect((await reader.api.me.export()).profile.username).toBe('bob');
    const missing = await expectRosterCode(reader.api.me.update({ city: 'Oslo' }), 'SCOPE_MISSING');
    expect(missing.cause).toMatchObject({ details: { scope: 'me:write' } });
    await expectRosterCode(
      reader.api.me.privacy.update({ hideActivityMap: true }),
      'SCOPE_MISSING',
    );
    await expectRosterCode(reader.api.me.deletePhoto(), 'SCOPE_MISSING');

    expect((await writer.api.me.update({ city: 'Oslo' })).city).toBe('Oslo');
    expect((await writer.api.me.privacy.update({ hideActivityMap: true })).hideActivityMap).toBe(
      true,
    );
    await expectRosterCode(writer.api.me.get(), 'SCOPE_MISSING');
    await expectRosterCode(writer.api.me.securityEvents(), 'SCOPE_MISSING');
    // Regular scopes give nothing of an administrator's.
    await expectRosterCode(reader.api.admin.users.list({}), 'SCOPE_MISSING');
    // Public procedures work with any key.
    expect(await reader.api.serverSettings.getPublic()).toMatchObject({ signupEnabled: false });
    expect(await reader.api.setup.status()).toEqual({ pending: false });
  });

  it('admin scopes: admin:read for queries, admin:write for mutations', async () => {
    const reading = h.script((await createKey(adminBrowser, ['admin:read'])).key);
    const writing = h.script((await createKey(adminBrowser, ['admin:write'])).key);
    expect((await reading.api.admin.users.list({})).total).toBe(3);
    expect(await reading.api.admin.users.apiKeys.list({ id: admin.id })).toHaveLength(2);
    expect(await reading.api.serverSettings.get()).toMatchObject({ signupEnabled: false });
    await expectRosterCode(
      reading.api.admin.users.update({ id: user.id, city: 'Rome' }),
      'SCOPE_MISSING',
    );
    await expectRosterCode(reading.api.me.get(), 'SCOPE_MISSING');

    expect((await writing.api.admin.users.update({ id: user.id, city: 'Rome' })).city).toBe('Rome');
    expect((await writing.api.serverSettings.update({ signupEnabled: true })).signupEnabled).toBe(
      true,
    );
    await expectRosterCode(writing.api.admin.users.list({}), 'SCOPE_MISSING');
    // Never with a key: resetting second factors and managing keys.
    await expectRosterCode(
      writing.api.admin.users.resetSecondFactors({
        id: user.id,
        stepUp: { password: GOOD_PASSWORD },
      }),
      'SCOPE_MISSING',
    );
    await expectRosterCode(
      writing.api.admin.users.apiKeys.revoke({ id: admin.id, keyId: 1 }),
      'SCOPE_MISSING',
    );
    // What the admin did through the key is logged as theirs.
    const events = await adminBrowser.api.admin.securityEvents.list({});
    expect(events.find((event) => event.event === 'admin_user_updated')?.actorId).toBe(admin.id);
  });

  it('refuses a key on every key, session, MFA, passkey, identity, email and password procedure', async () => {
    const everything = h.script(
      (await createKey(adminBrowser, ['me:read', 'me:write', 'admin:read', 'admin:write'])).key,
    );
    for (const path of NEVER_WITH_A_KEY) {
      expect([path, await codeOf(everything, path)]).toEqual([path, 'SCOPE_MISSING']);
    }
    // Nothing was done by any of those calls.
    expect(await adminBrowser.api.me.apiKeys.list()).toHaveLength(1);
    expect((await adminBrowser.api.me.sessions.list()).length).toBeGreaterThan(0);
  });

  it('answers every scoped procedure to its scope, and refuses it to every other scope', async () => {
    const scoped = PROCEDURES.flatMap((info) => {
      const needed = scopeNeeded(info.meta?.scope, info.type);
      return needed === null || needed === 'public' ? [] : [{ path: info.path, needed }];
    });
    expect(scoped.length).toBeGreaterThan(25);
    const keyWith = async (scopes: ApiKeyScope[]) =>
      h.script((await createKey(adminBrowser, scopes)).key);
    const only = new Map<ApiKeyScope, Browser>();
    const allBut = new Map<ApiKeyScope, Browser>();
    for (const scope of API_KEY_SCOPES) {
      only.set(scope, await keyWith([scope]));
      allBut.set(scope, await keyWith(API_KEY_SCOPES.filter((other) => other !== scope)));
    }
    for (const { path, needed } of scoped) {
      const refused = allBut.get(needed);
      const allowed = only.get(needed);
      if (!refused || !allowed) throw new Error(`no key for ${needed}`);
      expect([path, await codeOf(refused, path)]).toEqual([path, 'SCOPE_MISSING']);
      expect([path, await codeOf(allowed, path)]).not.toEqual([path, 'SCOPE_MISSING']);
    }
  });

  it('lets an admin key work only while its owner is an active administrator', async () => {
    const { key } = await createKey(adminBrowser, ['admin:read', 'me:read']);
    const script = h.script(key);
    expect((await script.api.admin.users.list({})).total).toBe(3);

    // The moment the row says so, before anything else happens (another instance demoted them).
    await h.s.db
      .updateTable('users')
      .set({ accessType: 'regular' })
      .where('id', '=', admin.id)
      .execute();
    await expectRosterCode(script.api.admin.users.list({}), 'NOT_ALLOWED');
    await h.s.db
      .updateTable('users')
      .set({ accessType: 'admin' })
      .where('id', '=', admin.id)
      .execute();
    expect((await script.api.admin.users.list({})).total).toBe(3);

    // Demoted through the API: the key carrying admin scopes ends; one with only me scopes stays.
    const plain = await createKey(adminBrowser, ['me:read'], null, 'Plain');
    await otherAdmin.api.admin.users.update({ id: admin.id, accessType: 'regular' });
    await expectRosterCode(script.api.admin.users.list({}), 'API_KEY_INVALID');
    expect((await h.script(plain.key).api.me.get()).accessType).toBe('regular');
    expect((await adminBrowser.api.me.apiKeys.list()).map((k) => k.name)).toEqual(['Plain']);
  });

  it('ends a key at its expiry, at revocation, at deactivation and at a password reset', async () => {
    const expiring = h.script((await createKey(owner, ['me:read'], 1)).key);
    expect((await expiring.api.me.get()).id).toBe(user.id);
    h.s.clock.advance(DAY);
    await expectRosterCode(expiring.api.me.get(), 'API_KEY_INVALID');
    // Still listed, so the owner sees it expired.
    expect(await owner.api.me.apiKeys.list()).toHaveLength(1);

    const revoked = await createKey(owner, ['me:read'], null);
    expect((await h.script(revoked.key).api.me.get()).id).toBe(user.id);
    await owner.api.me.apiKeys.revoke({ id: revoked.apiKey.id });
    await expectRosterCode(h.script(revoked.key).api.me.get(), 'API_KEY_INVALID');
    await expectRosterCode(owner.api.me.apiKeys.revoke({ id: revoked.apiKey.id }), 'NOT_FOUND');

    // Deactivated: the keys go with the sessions.
    const deactivated = await createKey(owner, ['me:read'], null);
    await adminBrowser.api.admin.users.update({ id: user.id, active: false });
    await expectRosterCode(h.script(deactivated.key).api.me.get(), 'API_KEY_INVALID');
    await adminBrowser.api.admin.users.update({ id: user.id, active: true });
    await expectRosterCode(h.script(deactivated.key).api.me.get(), 'API_KEY_INVALID');

    // A password reset ends every key.
    const again = h.browser();
    await again.signIn('bob');
    const beforeReset = await createKey(again, ['me:read'], null);
    await h.browser().api.auth.requestPasswordReset({ email: 'bob@example.com' });
    await h.s.settle();
    const mail = (await h.s.outbox()).findLast((m) => m.subject === 'Reset your password');
    const token = tokenFromMail(mail ?? { text: '' }, '/reset-password');
    await h.browser().api.auth.resetPassword({ token, password: 'Brand-New-Pass-7' });
    await expectRosterCode(h.script(beforeReset.key).api.me.get(), 'API_KEY_INVALID');
    expect(
      await h.s.db.selectFrom('apiKeys').select('id').where('userId', '=', user.id).execute(),
    ).toEqual([]);
  });

  it('ends the keys with the account when it is deleted', async () => {
    const { key } = await createKey(owner, ['me:read']);
    await adminBrowser.api.admin.users.delete({ id: user.id });
    await expectRosterCode(h.script(key).api.me.get(), 'API_KEY_INVALID');
  });

  it('answers one generic UNAUTHORIZED for any wrong key', async () => {
    const { key } = await createKey(owner, ['me:read']);
    const wrong = [
      '',
      'rst_',
      `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`,
      key.replace('rst_', 'rsk_'),
      `${key}x`,
      'x'.repeat(5000),
    ];
    const messages = new Set<string>();
    for (const candidate of wrong) {
      const error = await expectRosterCode(h.script(candidate).api.me.get(), 'API_KEY_INVALID');
      messages.add(error.message);
    }
    expect(messages.size).toBe(1);
  });

  it('admins see and revoke any user’s keys', async () => {
    const { key, apiKey } = await createKey(owner, ['me:read']);
    expect(await adminBrowser.api.admin.users.apiKeys.list({ id: user.id })).toEqual([apiKey]);
    await adminBrowser.api.admin.users.apiKeys.revoke({ id: user.id, keyId: apiKey.id });
    await expectRosterCode(h.script(key).api.me.get(), 'API_KEY_INVALID');
    await expectRosterCode(
      adminBrowser.api.admin.users.apiKeys.revoke({ id: user.id, keyId: apiKey.id }),
      'NOT_FOUND',
    );
    // A key id of another user is not found under this one.
    const mine = await createKey(adminBrowser, ['me:read']);
    await expectRosterCode(
      adminBrowser.api.admin.users.apiKeys.revoke({ id: user.id, keyId: mine.apiKey.id }),
      'NOT_FOUND',
    );
    expect(await adminBrowser.api.me.apiKeys.list()).toHaveLength(1);
    const events = await owner.api.me.securityEvents();
    expect(events.find((event) => event.event === 'admin_api_key_revoked')?.byAdministrator).toBe(
      true,
    );
    await expectRosterCode(
      owner.api.admin.users.apiKeys.revoke({ id: user.id, keyId: 1 }),
      'NOT_ALLOWED',
    );
  });

  it('writes last use at most once a minute, however many calls come at once', async () => {
    const { key, apiKey } = await createKey(owner, ['me:read']);
    const start = h.s.clock.now();
    const results = await Promise.all(Array.from({ length: 30 }, () => h.script(key).api.me.get()));
    expect(results.every((me) => me.id === user.id)).toBe(true);
    const lastUsed = async () =>
      (await owner.api.me.apiKeys.list()).find((k) => k.id === apiKey.id)?.lastUsedAt;
    expect(await lastUsed()).toBe(new Date(start).toISOString());
    h.s.clock.advance(30_000);
    await h.script(key).api.me.get();
    expect(await lastUsed()).toBe(new Date(start).toISOString());
    h.s.clock.advance(MINUTE);
    await h.script(key).api.me.get();
    expect(await lastUsed()).toBe(new Date(start + 30_000 + MINUTE).toISOString());
  });

  it('a key call with a cookie is judged by the key alone and sets no cookie', async () => {
    const { key } = await createKey(owner, ['me:read']);
    // The admin's browser (with its session cookie) sends bob's key: the call is bob's.
    adminBrowser.authorization = `Bearer ${key}`;
    adminBrowser.setCookies.length = 0;
    expect((await adminBrowser.api.me.get()).username).toBe('bob');
    await expectRosterCode(adminBrowser.api.admin.users.list({}), 'SCOPE_MISSING');
    await expectRosterCode(adminBrowser.api.auth.logout(), 'SCOPE_MISSING');
    expect(adminBrowser.setCookies).toEqual([]);
    adminBrowser.authorization = null;
    expect((await adminBrowser.api.me.get()).username).toBe('ada');
  });
});
