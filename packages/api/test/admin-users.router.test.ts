import fs from 'node:fs';
import path from 'node:path';
import { updateUserPhoto, type UsersRead } from '@roster/users';
import { DIALECTS } from '@roster/users/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appRouter } from '../src/root';
import {
  type Browser,
  createHarness,
  expectCode,
  GOOD_PASSWORD,
  type Harness,
  issueField,
} from './harness';

type Api = Browser['api'];

/** One valid call of every admin.users procedure, about the user `id`. */
const CALLS: Record<string, (api: Api, id: number) => Promise<unknown>> = {
  list: (api) => api.admin.users.list(),
  counts: (api) => api.admin.users.counts(),
  get: (api, id) => api.admin.users.get({ id }),
  create: (api) =>
    api.admin.users.create({
      name: 'New Person',
      username: 'newperson',
      email: 'new@example.com',
      password: GOOD_PASSWORD,
    }),
  update: (api, id) => api.admin.users.update({ id, name: 'Changed Name' }),
  approve: (api, id) => api.admin.users.approve({ id }),
  reject: (api, id) => api.admin.users.reject({ id, reason: 'No.' }),
  setPassword: (api, id) => api.admin.users.setPassword({ id, password: 'Another-Pass-99' }),
  delete: (api, id) => api.admin.users.delete({ id }),
  sessions: (api, id) => api.admin.users.sessions({ id }),
  revokeSession: (api, id) => api.admin.users.revokeSession({ id, sessionId: 'abc' }),
  revokeSessions: (api, id) => api.admin.users.revokeSessions({ id }),
  secondFactors: (api, id) => api.admin.users.secondFactors({ id }),
  resetSecondFactors: (api, id) =>
    api.admin.users.resetSecondFactors({ id, stepUp: { password: GOOD_PASSWORD } }),
  'apiKeys.list': (api, id) => api.admin.users.apiKeys.list({ id }),
  'apiKeys.revoke': (api, id) => api.admin.users.apiKeys.revoke({ id, keyId: 1 }),
};

/** Procedures about one user, which answer NOT_FOUND for an id nobody has. */
const ABOUT_ONE_USER = [
  'get',
  'secondFactors',
  'resetSecondFactors',
  'update',
  'approve',
  'reject',
  'setPassword',
  'delete',
  'sessions',
  'revokeSession',
  'revokeSessions',
  'apiKeys.list',
  'apiKeys.revoke',
];

describe.each(DIALECTS)('admin.users router on %s', (dialect) => {
  let h: Harness;
  let admin: Browser;
  let boss: UsersRead;
  let regular: Browser;
  let reggie: UsersRead;
  let anyone: Browser;

  beforeEach(async () => {
    h = await createHarness(dialect);
    ({ browser: admin, user: boss } = await h.signedIn({
      accessType: 'admin',
      name: 'The Boss',
      username: 'boss',
      email: 'boss@example.com',
    }));
    ({ browser: regular, user: reggie } = await h.signedIn({
      name: 'Reggie Regular',
      username: 'reggie',
      email: 'reggie@example.com',
    }));
    anyone = h.browser();
  });
  afterEach(async () => {
    await h.destroy();
  });

  /** Everything about users and sessions, to prove that a refused call changed nothing. */
  const snapshot = async () => ({
    users: await h.s.db
      .selectFrom('users')
      .select(['id', 'name', 'username', 'passwordHash', 'active', 'pendingAdminApproval'])
      .orderBy('id')
      .execute(),
    sessions: await h.s.db.selectFrom('sessions').select('id').orderBy('id').execute(),
  });

  const signedInAs = async (user: UsersRead, password = GOOD_PASSWORD) => {
    const browser = h.browser();
    await browser.signIn(user.username, password);
    return browser;
  };

  const pendingSignup = () =>
    h.createUser({
      name: 'Pending Person',
      username: 'pending',
      email: 'pending@example.com',
      active: false,
      emailVerified: true,
      pendingAdminApproval: true,
    });

  describe('who may call', () => {
    it('the table below covers every admin.users procedure', () => {
      const procedures = Object.keys(appRouter._def.procedures)
        .filter((name) => name.startsWith('admin.users.'))
        .map((name) => name.slice('admin.users.'.length))
        .sort();
      expect(procedures).toEqual(Object.keys(CALLS).sort());
    });

    it.each(Object.entries(CALLS))(
      '%s: FORBIDDEN for a regular user, UNAUTHORIZED for anonymous, and nothing changes',
      async (_name, call) => {
        const target = await pendingSignup();
        const before = await snapshot();
        const forbidden = await expectCode(call(regular.api, target.id), 'FORBIDDEN');
        expect(forbidden.message).toBe('Only administrators can do this.');
        await expectCode(call(anyone.api, target.id), 'UNAUTHORIZED');
        expect(await snapshot()).toEqual(before);
        // The same call works for an admin, so the refusals above are about who asked.
        await call(admin.api, target.id).catch((error: unknown) => {
          expect((error as { code?: string }).code).toBe('NOT_FOUND');
        });
      },
    );

    it.each(ABOUT_ONE_USER)('%s: NOT_FOUND for a user id nobody has', async (name) => {
      const call = CALLS[name];
      if (!call) throw new Error(`no call for ${name}`);
      const error = await expectCode(call(admin.api, 99_999), 'NOT_FOUND');
      expect(error.message).toBe('User not found.');
    });

    it.each(ABOUT_ONE_USER)('%s: BAD_REQUEST for an id that is not a user id', async (name) => {
      const call = CALLS[name];
      if (!call) throw new Error(`no call for ${name}`);
      for (const id of [0, -1, 1.5]) {
        const error = await expectCode(call(admin.api, id), 'BAD_REQUEST');
        expect(issueField(error)).toBe('id');
      }
    });
  });

  describe('list and counts', () => {
    it('lists everyone ordered by username, with the page size from the settings', async () => {
      await h.createUser({ username: 'aaron', email: 'aaron@example.com' });
      await h.createUser({ username: 'zoe', email: 'zoe@example.com' });
      const all = await admin.api.admin.users.list();
      expect(all.records.map((user) => user.username)).toEqual(['aaron', 'boss', 'reggie', 'zoe']);
      expect(all).toMatchObject({ total: 4, numRecords: 4, pageNumber: 1 });
      expect(all.records[0]).not.toHaveProperty('passwordHash');
      expect(all.records[0]).not.toHaveProperty('mfaSecret');

      await h.s.settings({ numRecordsPerPage: 3 });
      const second = await admin.api.admin.users.list({ pageNumber: 2 });
      expect(second).toMatchObject({ total: 4, numRecords: 1, pageNumber: 2 });
      expect(second.records.map((user) => user.username)).toEqual(['zoe']);
      const explicit = await admin.api.admin.users.list({ pageNumber: 1, numRecords: 2 });
      expect(explicit.records.map((user) => user.username)).toEqual(['aaron', 'boss']);
    });

    it('filters and searches, with %, _ and \\ taken literally', async () => {
      await pendingSignup();
      await h.createUser({ name: '50% Off', username: 'sale', email: 'sale_desk@example.com' });
      const names = async (input: Parameters<Api['admin']['users']['list']>[0]) =>
        (await admin.api.admin.users.list(input)).records.map((user) => user.username);
      expect(await names({ filter: 'pending_approval' })).toEqual(['pending']);
      expect(await names({ filter: 'inactive' })).toEqual(['pending']);
      expect(await names({ filter: 'admins' })).toEqual(['boss']);
      expect(await names({ search: 'REGGIE' })).toEqual(['reggie']);
      expect(await names({ search: 'the boss' })).toEqual(['boss']);
      expect(await names({ search: '%' })).toEqual(['sale']);
      expect(await names({ search: '_' })).toEqual(['sale']);
      expect(await names({ search: 'e_d' })).toEqual(['sale']);
      expect(await names({ search: 'pending', filter: 'admins' })).toEqual([]);
      expect(await admin.api.admin.users.counts({ search: 'e' })).toEqual({
        all: 4,
        pending_approval: 1,
        unverified: 0,
        inactive: 1,
        admins: 1,
      });
    });

    it.each([
      ['pageNumber', { pageNumber: 0 }],
      ['pageNumber', { pageNumber: 1.5 }],
      ['numRecords', { numRecords: 0 }],
      ['numRecords', { numRecords: 101 }],
      ['filter', { filter: 'everyone' }],
      ['search', { search: 'x'.repeat(251) }],
      ['sortBy', { sortBy: 'email' }],
    ])('list refuses a bad %s', async (field, input) => {
      // @ts-expect-error deliberately malformed input
      const error = await expectCode(admin.api.admin.users.list(input), 'BAD_REQUEST');
      expect(issueField(error)).toBe(field);
    });

    it('counts refuses a bad search or an unknown key', async () => {
      await expectCode(admin.api.admin.users.counts({ search: 'x'.repeat(251) }), 'BAD_REQUEST');
      // @ts-expect-error deliberately malformed input
      await expectCode(admin.api.admin.users.counts({ filter: 'all' }), 'BAD_REQUEST');
    });
  });

  describe('get', () => {
    it('returns the user without secrets', async () => {
      const user = await admin.api.admin.users.get({ id: reggie.id });
      expect(user).toEqual(reggie);
      expect(user).not.toHaveProperty('passwordHash');
    });

    it('refuses input that is not { id }', async () => {
      // @ts-expect-error deliberately malformed input
      await expectCode(admin.api.admin.users.get({ id: '2' }), 'BAD_REQUEST');
      // @ts-expect-error deliberately malformed input
      await expectCode(admin.api.admin.users.get({ id: 2, extra: true }), 'BAD_REQUEST');
    });
  });

  describe('create', () => {
    const person = {
      name: 'Grace Hopper',
      username: 'Grace',
      email: 'Grace@Example.com',
      password: GOOD_PASSWORD,
    };

    it('creates a verified, active regular user by default, who can sign in at once', async () => {
      const created = await admin.api.admin.users.create(person);
      expect(created).toMatchObject({
        username: 'grace',
        email: 'grace@example.com',
        accessType: 'regular',
        active: true,
        emailVerified: true,
        pendingAdminApproval: false,
        mfaEnabled: false,
        photoPath: null,
      });
      await h.browser().signIn('grace');
      expect(await admin.api.admin.users.get({ id: created.id })).toEqual(created);
      const log = await h.s.db
        .selectFrom('securityEvents')
        .select(['event', 'actorId'])
        .where('userId', '=', created.id)
        .where('event', '=', 'admin_user_created')
        .execute();
      expect(log).toEqual([{ event: 'admin_user_created', actorId: boss.id }]);
    });

    it('sets every field an admin may choose', async () => {
      const created = await admin.api.admin.users.create({
        ...person,
        city: 'Arlington',
        birthdate: '1906-12-09',
        preferredLanguage: 'fr',
        gender: 'female',
        units: 'imperial',
        height: 160,
        maxHeartRate: 180,
        firstDayOfWeek: 'sunday',
        currency: 'dollar',
        accessType: 'admin',
        active: false,
        emailVerified: false,
        pendingAdminApproval: true,
      });
      expect(created).toMatchObject({
        city: 'Arlington',
        birthdate: '1906-12-09',
        preferredLanguage: 'fr',
        gender: 'female',
        units: 'imperial',
        height: 160,
        maxHeartRate: 180,
        firstDayOfWeek: 'sunday',
        currency: 'dollar',
        accessType: 'admin',
        active: false,
        emailVerified: false,
        pendingAdminApproval: true,
      });
    });

    it('applies the password policy of the chosen access type', async () => {
      // 11 characters: enough for a regular user (8), not for an admin (12).
      const password = 'Short-Pass1';
      const error = await expectCode(
        admin.api.admin.users.create({ ...person, password, accessType: 'admin' }),
        'BAD_REQUEST',
      );
      expect(error.message).toMatch(/at least 12 characters/);
      expect(error.cause).toMatchObject({ field: 'password' });
      await admin.api.admin.users.create({ ...person, password });
      await h.s.settings({ passwordType: 'length_only' });
      await admin.api.admin.users.create({
        name: 'Plain',
        username: 'plain',
        email: 'plain@example.com',
        password: 'onlylowercase',
      });
    });

    it('answers CONFLICT naming the username or email already taken, in any case', async () => {
      const byUsername = await expectCode(
        admin.api.admin.users.create({ ...person, username: 'REGGIE' }),
        'CONFLICT',
      );
      expect(byUsername.message).toBe('This username is already taken.');
      expect(byUsername.cause).toMatchObject({ field: 'username' });
      const byEmail = await expectCode(
        admin.api.admin.users.create({ ...person, email: 'Reggie@Example.COM' }),
        'CONFLICT',
      );
      expect(byEmail.message).toBe('This email address is already in use.');
      expect(byEmail.cause).toMatchObject({ field: 'email' });
      expect((await admin.api.admin.users.list()).total).toBe(2);
    });

    it.each([
      ['username', { username: 'no spaces' }],
      ['email', { email: 'nope' }],
      ['password', { password: '' }],
      ['height', { height: 0 }],
      ['mfaEnabled', { mfaEnabled: true }],
      ['photoPath', { photoPath: 'x.webp' }],
      ['accessType', { accessType: 'root' }],
    ])('refuses a bad or server-managed %s', async (field, bad) => {
      const error = await expectCode(
        // @ts-expect-error deliberately malformed input
        admin.api.admin.users.create({ ...person, ...bad }),
        'BAD_REQUEST',
      );
      expect(issueField(error)).toBe(field);
      expect((await admin.api.admin.users.list()).total).toBe(2);
    });
  });

  describe('update', () => {
    it('changes every field, only those given', async () => {
      await admin.api.admin.users.update({ id: reggie.id, units: 'imperial' });
      const updated = await admin.api.admin.users.update({
        id: reggie.id,
        name: 'Reginald',
        username: 'Reginald',
        email: 'Reginald@Example.com',
        city: 'Oslo',
        birthdate: '1990-01-31',
        preferredLanguage: 'sv',
        gender: 'male',
        height: 180,
        maxHeartRate: 190,
        firstDayOfWeek: 'sunday',
        currency: 'pound',
        emailVerified: false,
        pendingAdminApproval: true,
      });
      expect(updated).toMatchObject({
        name: 'Reginald',
        username: 'reginald',
        email: 'reginald@example.com',
        city: 'Oslo',
        units: 'imperial',
        currency: 'pound',
        emailVerified: false,
        pendingAdminApproval: true,
        active: true,
        accessType: 'regular',
      });
      const cleared = await admin.api.admin.users.update({ id: reggie.id, city: null });
      expect(cleared).toMatchObject({ city: null, name: 'Reginald', units: 'imperial' });
    });

    it('promotes a user to admin, who can then use the admin procedures', async () => {
      await expectCode(regular.api.admin.users.list(), 'FORBIDDEN');
      const promoted = await admin.api.admin.users.update({ id: reggie.id, accessType: 'admin' });
      expect(promoted.accessType).toBe('admin');
      expect((await regular.api.admin.users.list()).total).toBe(2);
    });

    it('deactivating a user ends their sessions at once', async () => {
      await regular.api.me.get();
      await admin.api.admin.users.update({ id: reggie.id, active: false });
      await expectCode(regular.api.me.get(), 'UNAUTHORIZED');
      expect(
        await h.s.db.selectFrom('sessions').select('id').where('userId', '=', reggie.id).execute(),
      ).toEqual([]);
      expect(
        (
          await expectCode(
            h.browser().api.auth.login({ username: 'reggie', password: GOOD_PASSWORD }),
            'FORBIDDEN',
          )
        ).message,
      ).toMatch(/disabled/);
    });

    it('answers CONFLICT naming the field when the username or email is taken', async () => {
      const byUsername = await expectCode(
        admin.api.admin.users.update({ id: reggie.id, username: 'BOSS' }),
        'CONFLICT',
      );
      expect(byUsername.cause).toMatchObject({ field: 'username' });
      expect(byUsername.message).toBe('This username is already taken.');
      const byEmail = await expectCode(
        admin.api.admin.users.update({ id: reggie.id, email: 'boss@example.com' }),
        'CONFLICT',
      );
      expect(byEmail.cause).toMatchObject({ field: 'email' });
      expect((await admin.api.admin.users.get({ id: reggie.id })).username).toBe('reggie');
    });

    it.each([
      ['mfaEnabled', { mfaEnabled: false }],
      ['photoPath', { photoPath: null }],
      ['password', { password: GOOD_PASSWORD }],
      ['email', { email: 'not an email' }],
      ['name', { name: '' }],
      ['maxHeartRate', { maxHeartRate: 251 }],
    ])('refuses a bad or server-managed %s', async (field, bad) => {
      const error = await expectCode(
        admin.api.admin.users.update({ id: reggie.id, ...bad }),
        'BAD_REQUEST',
      );
      expect(issueField(error)).toBe(field);
    });
  });

  describe('the last active admin', () => {
    beforeEach(async () => {
      // A disabled admin does not count.
      await h.createUser({
        accessType: 'admin',
        username: 'retired',
        email: 'retired@example.com',
        active: false,
      });
    });

    it.each([
      ['demoted', { accessType: 'regular' as const }, /removing this one’s rights/],
      ['deactivated', { active: false }, /deactivating this one/],
    ])('cannot be %s, and is told why', async (_what, patch, why) => {
      const error = await expectCode(
        admin.api.admin.users.update({ id: boss.id, ...patch }),
        'CONFLICT',
      );
      expect(error.message).toMatch(/last active administrator/);
      expect(error.message).toMatch(why);
      expect(await admin.api.admin.users.get({ id: boss.id })).toMatchObject({
        accessType: 'admin',
        active: true,
      });
    });

    it('cannot be deleted, not even by themself', async () => {
      const error = await expectCode(admin.api.admin.users.delete({ id: boss.id }), 'CONFLICT');
      expect(error.message).toMatch(/last active administrator.*before deleting/);
      await admin.api.me.get();
    });

    it('once another active admin exists, an admin may delete their own account', async () => {
      await admin.api.admin.users.update({ id: reggie.id, accessType: 'admin' });
      expect(await admin.api.admin.users.delete({ id: boss.id })).toEqual({ ok: true });
      await expectCode(admin.api.me.get(), 'UNAUTHORIZED');
      // Now reggie is the last one.
      await expectCode(regular.api.admin.users.delete({ id: reggie.id }), 'CONFLICT');
      await expectCode(
        regular.api.admin.users.update({ id: reggie.id, active: false }),
        'CONFLICT',
      );
    });

    it('once another active admin exists, an admin may step down', async () => {
      await admin.api.admin.users.update({ id: reggie.id, accessType: 'admin' });
      await admin.api.admin.users.update({ id: boss.id, accessType: 'regular' });
      // The session stays, its rights do not.
      await expectCode(admin.api.admin.users.list(), 'FORBIDDEN');
      await admin.api.me.get();
    });
  });

  describe('approve and reject', () => {
    it('approve activates a pending sign-up, who can then sign in', async () => {
      const pending = await pendingSignup();
      await expectCode(
        h.browser().api.auth.login({ username: 'pending', password: GOOD_PASSWORD }),
        'FORBIDDEN',
      );
      expect(await admin.api.admin.users.approve({ id: pending.id })).toMatchObject({
        id: pending.id,
        active: true,
        pendingAdminApproval: false,
      });
      await h.browser().signIn('pending');
    });

    it('approve refuses a user who is not pending, or whose address is unverified', async () => {
      const notPending = await expectCode(
        admin.api.admin.users.approve({ id: reggie.id }),
        'BAD_REQUEST',
      );
      expect(notPending.message).toMatch(/not waiting for approval/);
      const unverified = await h.createUser({
        username: 'unverified',
        email: 'unverified@example.com',
        active: false,
        emailVerified: false,
        pendingAdminApproval: true,
      });
      const error = await expectCode(
        admin.api.admin.users.approve({ id: unverified.id }),
        'BAD_REQUEST',
      );
      expect(error.message).toMatch(/not verified/);
    });

    it('reject deletes a pending sign-up and mails the reason', async () => {
      const pending = await pendingSignup();
      expect(
        await admin.api.admin.users.reject({ id: pending.id, reason: '  Members only.  ' }),
      ).toEqual({ ok: true });
      await expectCode(admin.api.admin.users.get({ id: pending.id }), 'NOT_FOUND');
      const mail = (await h.s.outbox()).find((message) => message.to === 'pending@example.com');
      expect(mail?.text).toContain('Members only.');
    });

    it('reject refuses a user who is not pending, and an overlong reason', async () => {
      await expectCode(admin.api.admin.users.reject({ id: reggie.id }), 'BAD_REQUEST');
      const pending = await pendingSignup();
      const error = await expectCode(
        admin.api.admin.users.reject({ id: pending.id, reason: 'x'.repeat(1001) }),
        'BAD_REQUEST',
      );
      expect(issueField(error)).toBe('reason');
      await admin.api.admin.users.get({ id: pending.id });
    });
  });

  describe('setPassword', () => {
    it('sets the password and ends every session of that user, and only theirs', async () => {
      const second = await signedInAs(reggie);
      expect(
        await admin.api.admin.users.setPassword({ id: reggie.id, password: 'Brand-New-Pass-7' }),
      ).toEqual({ ok: true });
      await expectCode(regular.api.me.get(), 'UNAUTHORIZED');
      await expectCode(second.api.me.get(), 'UNAUTHORIZED');
      await admin.api.me.get();
      await expectCode(
        h.browser().api.auth.login({ username: 'reggie', password: GOOD_PASSWORD }),
        'UNAUTHORIZED',
      );
      await h.browser().signIn('reggie', 'Brand-New-Pass-7');
      const log = await h.s.db
        .selectFrom('securityEvents')
        .select(['event', 'actorId', 'details'])
        .where('userId', '=', reggie.id)
        .where('event', '=', 'admin_password_set')
        .execute();
      expect(log).toEqual([
        { event: 'admin_password_set', actorId: boss.id, details: '{"sessionsRevoked":2}' },
      ]);
    });

    it("follows the policy of that user's access type", async () => {
      // 11 characters: enough for a regular user (8), not for an admin (12).
      const error = await expectCode(
        admin.api.admin.users.setPassword({ id: boss.id, password: 'Short-Pass1' }),
        'BAD_REQUEST',
      );
      expect(error.message).toBe('Password needs at least 12 characters.');
      expect(error.cause).toMatchObject({ field: 'password' });
      await admin.api.me.get();
      await admin.api.admin.users.setPassword({ id: reggie.id, password: 'Short-Pass1' });
      await expectCode(
        admin.api.admin.users.setPassword({ id: reggie.id, password: 'lowercaseonly' }),
        'BAD_REQUEST',
      );
      await h.s.settings({ passwordType: 'length_only' });
      await admin.api.admin.users.setPassword({ id: reggie.id, password: 'lowercaseonly' });
      await h.browser().signIn('reggie', 'lowercaseonly');
    });

    it('refuses a password over 250 characters, a missing one and unknown keys', async () => {
      const long = await expectCode(
        admin.api.admin.users.setPassword({ id: reggie.id, password: 'Aa1!'.repeat(63) }),
        'BAD_REQUEST',
      );
      expect(issueField(long)).toBe('password');
      // @ts-expect-error deliberately malformed input
      await expectCode(admin.api.admin.users.setPassword({ id: reggie.id }), 'BAD_REQUEST');
      await expectCode(
        // @ts-expect-error deliberately malformed input
        admin.api.admin.users.setPassword({ id: reggie.id, password: GOOD_PASSWORD, mfa: '1' }),
        'BAD_REQUEST',
      );
      await regular.api.me.get();
    });
  });

  describe('delete', () => {
    it('removes the user with their sessions, tokens, privacy row and photo, in one go', async () => {
      fs.mkdirSync(h.s.photosDir, { recursive: true });
      const photo = path.join(h.s.photosDir, 'reggie.webp');
      fs.writeFileSync(photo, 'image');
      await updateUserPhoto(h.s, reggie.id, 'reggie.webp');
      await anyone.api.auth.requestPasswordReset({ email: 'reggie@example.com' });
      await h.s.settle();
      const owned = async () => ({
        sessions: await h.s.db
          .selectFrom('sessions')
          .select('id')
          .where('userId', '=', reggie.id)
          .execute(),
        tokens: await h.s.db
          .selectFrom('emailTokens')
          .select('id')
          .where('userId', '=', reggie.id)
          .execute(),
        privacy: await h.s.db
          .selectFrom('userPrivacySettings')
          .select('userId')
          .where('userId', '=', reggie.id)
          .execute(),
      });
      const before = await owned();
      expect([before.sessions, before.tokens, before.privacy].map((rows) => rows.length)).toEqual([
        1, 1, 1,
      ]);

      expect(await admin.api.admin.users.delete({ id: reggie.id })).toEqual({ ok: true });
      await expectCode(regular.api.me.get(), 'UNAUTHORIZED');
      expect(await owned()).toEqual({ sessions: [], tokens: [], privacy: [] });
      expect(fs.existsSync(photo)).toBe(false);
      await expectCode(admin.api.admin.users.get({ id: reggie.id }), 'NOT_FOUND');
      await expectCode(admin.api.admin.users.delete({ id: reggie.id }), 'NOT_FOUND');
      const log = await h.s.db
        .selectFrom('securityEvents')
        .select(['event', 'actorId', 'details'])
        .where('userId', '=', reggie.id)
        .where('event', '=', 'admin_user_deleted')
        .execute();
      expect(log).toEqual([
        { event: 'admin_user_deleted', actorId: boss.id, details: '{"username":"reggie"}' },
      ]);
    });

    it('refuses an unknown key', async () => {
      // @ts-expect-error deliberately malformed input
      await expectCode(admin.api.admin.users.delete({ id: reggie.id, force: true }), 'BAD_REQUEST');
      await admin.api.admin.users.get({ id: reggie.id });
    });
  });

  describe('sessions', () => {
    it("lists a user's sessions without tokens and revokes one or all", async () => {
      const laptop = await signedInAs(reggie);
      const sessions = await admin.api.admin.users.sessions({ id: reggie.id });
      expect(sessions).toHaveLength(2);
      expect(sessions.every((session) => !session.current)).toBe(true);
      expect(Object.keys(sessions[0] ?? {}).sort()).toEqual(
        [
          'browser',
          'createdAt',
          'current',
          'device',
          'id',
          'ip',
          'lastActiveAt',
          'platform',
          'userAgent',
        ].sort(),
      );
      const ownSessions = await admin.api.admin.users.sessions({ id: boss.id });
      expect(ownSessions.map((session) => session.current)).toEqual([true]);

      // Which of the two belongs to the laptop: the one that disappears when it signs out.
      await laptop.api.auth.logout();
      const [phoneSession] = await admin.api.admin.users.sessions({ id: reggie.id });
      if (!phoneSession) throw new Error('no session left');
      const again = await signedInAs(reggie);
      expect(
        await admin.api.admin.users.revokeSession({ id: reggie.id, sessionId: phoneSession.id }),
      ).toEqual({ ok: true });
      await expectCode(regular.api.me.get(), 'UNAUTHORIZED');
      await again.api.me.get();
      const gone = await expectCode(
        admin.api.admin.users.revokeSession({ id: reggie.id, sessionId: phoneSession.id }),
        'NOT_FOUND',
      );
      expect(gone.message).toBe('This session has already ended.');

      expect(await admin.api.admin.users.revokeSessions({ id: reggie.id })).toEqual({
        revoked: 1,
      });
      await expectCode(again.api.me.get(), 'UNAUTHORIZED');
      expect(await admin.api.admin.users.sessions({ id: reggie.id })).toEqual([]);
    });

    it("cannot revoke a session through another user's id", async () => {
      const [bossSession] = await admin.api.admin.users.sessions({ id: boss.id });
      await expectCode(
        admin.api.admin.users.revokeSession({ id: reggie.id, sessionId: bossSession?.id ?? '' }),
        'NOT_FOUND',
      );
      await admin.api.me.get();
    });

    it('refuses a missing or overlong session id', async () => {
      for (const sessionId of ['', 'x'.repeat(65)]) {
        const error = await expectCode(
          admin.api.admin.users.revokeSession({ id: reggie.id, sessionId }),
          'BAD_REQUEST',
        );
        expect(issueField(error)).toBe('sessionId');
      }
    });
  });
});
