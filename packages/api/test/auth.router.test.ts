import { DIALECTS } from '@roster/users/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, expectCode, GOOD_PASSWORD, type Harness, issueField } from './harness';

const signup = (overrides: Record<string, unknown> = {}) => ({
  name: 'Grace Hopper',
  username: 'grace',
  email: 'grace@example.com',
  password: GOOD_PASSWORD,
  ...overrides,
});

describe.each(DIALECTS)('auth router on %s', (dialect) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(dialect);
  });
  afterEach(async () => {
    await h.destroy();
  });

  describe('auth.signup', () => {
    it('is refused while sign-up is disabled (the default)', async () => {
      const error = await expectCode(h.browser().api.auth.signup(signup()), 'FORBIDDEN');
      expect(error.message).toMatch(/disabled/);
    });

    it('creates an active account when neither verification nor approval is required', async () => {
      await h.s.settings({
        signupEnabled: true,
        signupRequireEmailVerification: false,
        signupRequireAdminApproval: false,
      });
      const result = await h.browser().api.auth.signup(signup());
      expect(result).toEqual({
        status: 'active',
        emailVerificationRequired: false,
        adminApprovalRequired: false,
      });
      await h.browser().signIn('GRACE');
    });

    it('answers CONFLICT "Unable to create user." for a taken username or email in any case', async () => {
      await h.s.settings({
        signupEnabled: true,
        signupRequireEmailVerification: false,
        signupRequireAdminApproval: false,
      });
      await h.browser().api.auth.signup(signup());
      const byName = await expectCode(
        h.browser().api.auth.signup(signup({ username: 'GRACE', email: 'new@example.com' })),
        'CONFLICT',
      );
      expect(byName.message).toBe('Unable to create user.');
      const byEmail = await expectCode(
        h.browser().api.auth.signup(signup({ username: 'other', email: 'Grace@Example.com' })),
        'CONFLICT',
      );
      expect(byEmail.message).toBe('Unable to create user.');
    });

    it.each([
      ['username', { username: 'bad name!' }],
      ['email', { email: 'not-an-email' }],
      ['name', { name: '' }],
      ['height', { height: 301 }],
      ['maxHeartRate', { maxHeartRate: 29 }],
      ['birthdate', { birthdate: '2020-02-30' }],
      ['password', { password: 'x'.repeat(251) }],
      ['accessType', { accessType: 'admin' }],
    ])('refuses a bad %s with BAD_REQUEST naming the field', async (field, bad) => {
      await h.s.settings({ signupEnabled: true });
      const error = await expectCode(h.browser().api.auth.signup(signup(bad)), 'BAD_REQUEST');
      expect(issueField(error)).toBe(field);
      expect(error.message).not.toMatch(/^\[|\{/);
      expect(await h.s.db.selectFrom('users').select('id').execute()).toEqual([]);
    });

    it('applies the password policy with a message saying what is missing', async () => {
      await h.s.settings({ signupEnabled: true });
      const error = await expectCode(
        h.browser().api.auth.signup(signup({ password: 'password' })),
        'BAD_REQUEST',
      );
      expect(error.message).toBe('Password needs an uppercase letter, a digit and a symbol.');
    });
  });

  describe('auth.login', () => {
    it('signs in with username or email in any case and sets an HttpOnly session cookie', async () => {
      const user = await h.createUser({ username: 'linus', email: 'linus@example.com' });
      const browser = h.browser();
      const result = await browser.api.auth.login({
        username: 'LINUS@example.com',
        password: GOOD_PASSWORD,
      });
      expect(result).toMatchObject({
        status: 'authenticated',
        user: { id: user.id, username: 'linus' },
      });
      expect(browser.cookies.get('roster_session')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect((await browser.api.me.get()).id).toBe(user.id);
    });

    it('gives one generic UNAUTHORIZED for an unknown user and a wrong password', async () => {
      await h.createUser({ username: 'known' });
      const unknown = await expectCode(
        h.browser().api.auth.login({ username: 'nobody', password: GOOD_PASSWORD }),
        'UNAUTHORIZED',
      );
      const wrong = await expectCode(
        h.browser().api.auth.login({ username: 'known', password: 'Wrong-password-1' }),
        'UNAUTHORIZED',
      );
      expect(unknown.message).toBe(wrong.message);
    });

    it('does not accept another password sharing the first 72 bytes of an 80-character one', async () => {
      const prefix = 'Aa1!'.repeat(18); // 72 bytes
      const password = `${prefix}Tail0001`;
      await h.s.settings({ passwordType: 'length_only' });
      await h.createUser({ username: 'long', password });
      await expectCode(
        h.browser().api.auth.login({ username: 'long', password: `${prefix}Other002` }),
        'UNAUTHORIZED',
      );
      await expectCode(
        h.browser().api.auth.login({ username: 'long', password: prefix }),
        'UNAUTHORIZED',
      );
      await h.browser().signIn('long', password);
    });

    it('refuses bad input with BAD_REQUEST', async () => {
      await expectCode(h.browser().api.auth.login({ username: '', password: 'x' }), 'BAD_REQUEST');
      await expectCode(
        h.browser().api.auth.login({ username: 'a', password: 'x'.repeat(251) }),
        'BAD_REQUEST',
      );
      await expectCode(
        // @ts-expect-error an unknown key is refused
        h.browser().api.auth.login({ username: 'a', password: 'x', remember: true }),
        'BAD_REQUEST',
      );
    });

    it('tells an inactive, unverified or pending account why, only after the right password', async () => {
      await h.createUser({ username: 'off', active: false });
      await h.createUser({ username: 'pend', active: false, pendingAdminApproval: true });
      await h.s.settings({ signupEnabled: true });
      await h.browser().api.auth.signup(signup({ username: 'unv', email: 'unv@example.com' }));
      expect(
        (
          await expectCode(
            h.browser().api.auth.login({ username: 'off', password: GOOD_PASSWORD }),
            'FORBIDDEN',
          )
        ).message,
      ).toMatch(/disabled/);
      expect(
        (
          await expectCode(
            h.browser().api.auth.login({ username: 'unv', password: GOOD_PASSWORD }),
            'FORBIDDEN',
          )
        ).message,
      ).toMatch(/not verified/);
      expect(
        (
          await expectCode(
            h.browser().api.auth.login({ username: 'pend', password: GOOD_PASSWORD }),
            'FORBIDDEN',
          )
        ).message,
      ).toMatch(/approve/);
      await expectCode(
        h.browser().api.auth.login({ username: 'off', password: 'Wrong-pass-1' }),
        'UNAUTHORIZED',
      );
    });

    it('replaces a planted session cookie with a fresh session', async () => {
      const { browser: attacker } = await h.signedIn();
      const victimUser = await h.createUser();
      const victim = h.browser();
      const planted = attacker.cookies.get('roster_session') ?? '';
      victim.cookies.set('roster_session', planted);
      await victim.signIn(victimUser.username);
      expect(victim.cookies.get('roster_session')).not.toBe(planted);
      expect((await victim.api.me.get()).id).toBe(victimUser.id);
      // The planted token no longer works for anyone.
      await expectCode(attacker.api.me.get(), 'UNAUTHORIZED');
    });

    it('refuses a mutation from a foreign Origin and allows one without Origin', async () => {
      await h.createUser({ username: 'origin' });
      const browser = h.browser();
      browser.origin = 'https://evil.example';
      await expectCode(
        browser.api.auth.login({ username: 'origin', password: GOOD_PASSWORD }),
        'FORBIDDEN',
      );
      browser.origin = 'http://roster.test';
      await browser.signIn('origin');
      browser.origin = null;
      await browser.signIn('origin');
    });
  });

  describe('auth.logout', () => {
    it('deletes the session so the cookie stops working at once', async () => {
      const { browser } = await h.signedIn();
      const token = browser.cookies.get('roster_session') ?? '';
      expect(await browser.api.auth.logout()).toEqual({ ok: true });
      expect(browser.cookies.has('roster_session')).toBe(false);
      browser.cookies.set('roster_session', token);
      await expectCode(browser.api.me.get(), 'UNAUTHORIZED');
    });

    it('is UNAUTHORIZED without a session', async () => {
      await expectCode(h.browser().api.auth.logout(), 'UNAUTHORIZED');
    });
  });

  describe('me.get', () => {
    it('returns UsersMe with privacy settings and no secrets', async () => {
      const { browser, user } = await h.signedIn({ city: 'Lisbon' });
      const me = await browser.api.me.get();
      expect(me).toMatchObject({
        id: user.id,
        city: 'Lisbon',
        defaultActivityVisibility: 'public',
        photoUrl: null,
      });
      expect(me).not.toHaveProperty('passwordHash');
      expect(me).not.toHaveProperty('mfaSecret');
      expect(browser.headers.get('cache-control')).toBe('no-store');
    });

    it('is UNAUTHORIZED for an anonymous caller or a garbage cookie', async () => {
      await expectCode(h.browser().api.me.get(), 'UNAUTHORIZED');
      const browser = h.browser();
      browser.cookies.set('roster_session', 'garbage');
      await expectCode(browser.api.me.get(), 'UNAUTHORIZED');
    });

    it('ends the session of a deactivated or deleted user at once', async () => {
      const { browser, user } = await h.signedIn();
      await h.s.db.updateTable('users').set({ active: false }).where('id', '=', user.id).execute();
      await expectCode(browser.api.me.get(), 'UNAUTHORIZED');
    });
  });

  describe('serverSettings.getPublic', () => {
    it('returns the public settings with their defaults to anyone', async () => {
      expect(await h.browser().api.serverSettings.getPublic()).toEqual({
        signupEnabled: false,
        signupRequireEmailVerification: true,
        signupRequireAdminApproval: true,
        passwordType: 'strict',
        passwordLengthRegularUsers: 8,
        passwordLengthAdminUsers: 12,
        units: 'metric',
        currency: 'euro',
        publicShareableLinks: false,
        publicShareableLinksUserInfo: false,
        passwordLoginEnabled: true,
        identityProviders: [],
      });
    });
  });
});
