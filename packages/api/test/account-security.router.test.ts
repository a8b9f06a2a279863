import { SECOND, totpCode } from '@roster/users';
import { DIALECTS } from '@roster/users/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, expectCode, GOOD_PASSWORD, type Harness } from './harness';

const NEW_PASSWORD = 'Fresh-Password-9';

describe.each(DIALECTS)('account security on %s', (dialect) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(dialect);
  });
  afterEach(async () => {
    await h.destroy();
  });

  describe('me.changePassword', () => {
    it('needs the current password, applies the policy, keeps other sessions unless asked', async () => {
      const { browser, user } = await h.signedIn();
      const other = h.browser('198.51.100.2');
      await other.signIn(user.username);

      const wrong = await expectCode(
        browser.api.me.changePassword({ currentPassword: 'Wrong-pass-1', password: NEW_PASSWORD }),
        'BAD_REQUEST',
      );
      expect(wrong.message).toBe('Your password is not right.');
      await expectCode(
        browser.api.me.changePassword({ currentPassword: GOOD_PASSWORD, password: 'weak' }),
        'BAD_REQUEST',
      );

      expect(
        await browser.api.me.changePassword({
          currentPassword: GOOD_PASSWORD,
          password: NEW_PASSWORD,
        }),
      ).toEqual({ ok: true });
      expect((await other.api.me.get()).id).toBe(user.id);
      expect((await browser.api.me.get()).id).toBe(user.id);
      await h.browser().signIn(user.username, NEW_PASSWORD);
      expect((await h.s.outbox()).map((mail) => mail.subject)).toContain(
        'Your password was changed',
      );
    });

    it('signs out every other session when asked', async () => {
      const { browser, user } = await h.signedIn();
      const other = h.browser('198.51.100.2');
      await other.signIn(user.username);
      await browser.api.me.changePassword({
        currentPassword: GOOD_PASSWORD,
        password: NEW_PASSWORD,
        revokeOtherSessions: true,
      });
      await expectCode(other.api.me.get(), 'UNAUTHORIZED');
      expect((await browser.api.me.get()).id).toBe(user.id);
    });

    it('asks for a code when MFA is on', async () => {
      const { browser } = await h.signedIn();
      const { secret } = await browser.api.mfa.setup();
      await browser.api.mfa.enable({
        code: await totpCode(secret, h.s.clock.now()),
        password: GOOD_PASSWORD,
      });
      h.s.clock.advance(30 * SECOND);
      const missing = await expectCode(
        browser.api.me.changePassword({ currentPassword: GOOD_PASSWORD, password: NEW_PASSWORD }),
        'BAD_REQUEST',
      );
      expect(missing.message).toMatch(/Enter a code/);
      await expectCode(
        browser.api.me.changePassword({
          currentPassword: GOOD_PASSWORD,
          password: NEW_PASSWORD,
          mfaCode: '000000',
        }),
        'BAD_REQUEST',
      );
      await browser.api.me.changePassword({
        currentPassword: GOOD_PASSWORD,
        password: NEW_PASSWORD,
        mfaCode: await totpCode(secret, h.s.clock.now()),
      });
    });

    it('wrong current passwords count against the account like failed sign-ins', async () => {
      const { browser, user } = await h.signedIn();
      for (let i = 0; i < 5; i += 1) {
        await expectCode(
          browser.api.me.changePassword({
            currentPassword: 'Wrong-pass-1',
            password: NEW_PASSWORD,
          }),
          'BAD_REQUEST',
        );
      }
      await expectCode(
        browser.api.me.changePassword({ currentPassword: GOOD_PASSWORD, password: NEW_PASSWORD }),
        'TOO_MANY_REQUESTS',
      );
      await expectCode(
        h.browser().api.auth.login({ username: user.username, password: GOOD_PASSWORD }),
        'TOO_MANY_REQUESTS',
      );
    });

    it('refuses bad input and anonymous callers', async () => {
      const { browser } = await h.signedIn();
      await expectCode(
        // @ts-expect-error an unknown key is refused
        browser.api.me.changePassword({ currentPassword: 'a', password: 'b', accessType: 'admin' }),
        'BAD_REQUEST',
      );
      await expectCode(
        h
          .browser()
          .api.me.changePassword({ currentPassword: GOOD_PASSWORD, password: NEW_PASSWORD }),
        'UNAUTHORIZED',
      );
    });
  });

  describe('me.sessions', () => {
    it('lists sessions with device details and the current one, never the token', async () => {
      const { browser, user } = await h.signedIn();
      const phone = h.browser('198.51.100.7');
      await phone.signIn(user.username);
      const list = await browser.api.me.sessions.list();
      expect(list).toHaveLength(2);
      expect(list.filter((session) => session.current)).toHaveLength(1);
      expect(list.map((session) => session.ip).sort()).toEqual(['198.51.100.7', '203.0.113.10']);
      const tokens = [browser.cookies.get('roster_session'), phone.cookies.get('roster_session')];
      for (const token of tokens) expect(JSON.stringify(list)).not.toContain(token);
    });

    it('revokes another session at once, and only the user’s own', async () => {
      const { browser, user } = await h.signedIn();
      const phone = h.browser('198.51.100.7');
      await phone.signIn(user.username);
      const phoneSession = (await browser.api.me.sessions.list()).find(
        (session) => !session.current,
      );
      await browser.api.me.sessions.revoke({ id: phoneSession?.id ?? '' });
      await expectCode(phone.api.me.get(), 'UNAUTHORIZED');

      const { browser: stranger } = await h.signedIn();
      const mine = (await browser.api.me.sessions.list())[0]?.id ?? '';
      await stranger.api.me.sessions.revoke({ id: mine });
      expect((await browser.api.me.get()).id).toBe(user.id);
    });

    it('revokeOthers keeps only the current session', async () => {
      const { browser, user } = await h.signedIn();
      const others = [h.browser('198.51.100.7'), h.browser('198.51.100.8')];
      for (const other of others) await other.signIn(user.username);
      expect(await browser.api.me.sessions.revokeOthers()).toEqual({ revoked: 2 });
      for (const other of others) await expectCode(other.api.me.get(), 'UNAUTHORIZED');
      expect(await browser.api.me.sessions.list()).toHaveLength(1);
    });

    it('revoking the current session signs out', async () => {
      const { browser } = await h.signedIn();
      const [current] = await browser.api.me.sessions.list();
      await browser.api.me.sessions.revoke({ id: current?.id ?? '' });
      expect(browser.cookies.has('roster_session')).toBe(false);
      await expectCode(browser.api.me.get(), 'UNAUTHORIZED');
    });

    it('refuses anonymous callers and bad input', async () => {
      await expectCode(h.browser().api.me.sessions.list(), 'UNAUTHORIZED');
      await expectCode(h.browser().api.me.sessions.revokeOthers(), 'UNAUTHORIZED');
      await expectCode(h.browser().api.me.sessions.revoke({ id: 'x' }), 'UNAUTHORIZED');
      const { browser } = await h.signedIn();
      await expectCode(browser.api.me.sessions.revoke({ id: '' }), 'BAD_REQUEST');
    });
  });

  describe('me.securityEvents', () => {
    it('shows the user their own recent activity, newest first, and nobody else’s', async () => {
      const { browser, user } = await h.signedIn();
      await expectCode(
        h.browser().api.auth.login({ username: user.username, password: 'Wrong-pass-1' }),
        'UNAUTHORIZED',
      );
      await browser.api.me.sessions.revokeOthers();
      const { browser: other } = await h.signedIn();
      const events = await browser.api.me.securityEvents();
      expect(events.map((event) => event.event)).toEqual([
        'sessions_revoked',
        'login_failed',
        'login_succeeded',
      ]);
      expect(events.every((event) => event.userId === user.id)).toBe(true);
      expect(events[0]?.createdAt).toMatch(/Z$/);
      expect((await other.api.me.securityEvents()).map((event) => event.event)).toEqual([
        'login_succeeded',
      ]);
      await expectCode(h.browser().api.me.securityEvents(), 'UNAUTHORIZED');
    });
  });
});

describe('admin.securityEvents.list', () => {
  it('shows admins everyone’s events, and refuses others', async () => {
    const h = await createHarness();
    try {
      const { browser: admin } = await h.signedIn({ accessType: 'admin' });
      const { browser: regular, user } = await h.signedIn();
      const all = await admin.api.admin.securityEvents.list();
      expect(all.map((event) => event.event)).toEqual(['login_succeeded', 'login_succeeded']);
      const one = await admin.api.admin.securityEvents.list({ userId: user.id });
      expect(one.map((event) => event.userId)).toEqual([user.id]);
      await expectCode(regular.api.admin.securityEvents.list(), 'FORBIDDEN');
      await expectCode(h.browser().api.admin.securityEvents.list(), 'UNAUTHORIZED');
      await expectCode(admin.api.admin.securityEvents.list({ limit: 1000 }), 'BAD_REQUEST');
    } finally {
      await h.destroy();
    }
  });
});
