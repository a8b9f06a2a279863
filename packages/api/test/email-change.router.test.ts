import { DIALECTS, tokenFromMail } from '@roster/users/testing';
import { getUserById, totpCode, SECOND, type UsersRead } from '@roster/users';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type Browser,
  createHarness,
  expectCode,
  expectRosterCode,
  fieldOf,
  GOOD_PASSWORD,
  type Harness,
} from './harness';

describe.each(DIALECTS)('changing the email address on %s', (dialect) => {
  let h: Harness;
  let me: Browser;
  let user: UsersRead;

  beforeEach(async () => {
    h = await createHarness(dialect);
    ({ browser: me, user } = await h.signedIn({
      name: 'Ada Lovelace',
      username: 'ada',
      email: 'ada@example.com',
    }));
  });
  afterEach(async () => {
    await h.destroy();
  });

  const mailsTo = async (address: string) =>
    (await h.s.outbox()).filter((mail) => mail.to === address);
  const stored = async () => {
    const row = await getUserById(h.s.db, user.id);
    if (!row) throw new Error('the user is gone');
    return row;
  };
  const stepUp = { password: GOOD_PASSWORD };
  const requestReset = async () => {
    await h.browser('198.51.100.40').api.auth.requestPasswordReset({ email: 'ada@example.com' });
    await h.s.settle();
    const [mail] = (await mailsTo('ada@example.com')).filter(
      (message) => message.subject === 'Reset your password',
    );
    return tokenFromMail(mail ?? { text: '' }, '/reset-password');
  };

  describe('me.update', () => {
    it('refuses another address, pointing to the email change, and changes nothing', async () => {
      const before = await stored();
      const error = await expectRosterCode(
        me.api.me.update({ name: 'Ada K', email: 'ada.new@example.com' }),
        'USE_CHANGE_EMAIL',
      );
      expect(fieldOf(error)).toBe('email');
      expect(error.message).toMatch(/Change email/);
      expect(await stored()).toEqual(before);
      expect(await h.s.outbox()).toEqual([]);
    });

    it('accepts the same address in another case and sends nothing', async () => {
      const updated = await me.api.me.update({ email: 'ADA@example.com', name: 'Ada L.' });
      expect(updated).toMatchObject({ email: 'ada@example.com', emailVerified: true });
      expect(await h.s.outbox()).toEqual([]);
    });
  });

  describe('with verification required', () => {
    beforeEach(async () => {
      await h.s.settings({ signupRequireEmailVerification: true });
    });

    it('keeps the old address until the link is opened, then takes the new one', async () => {
      const wakes = h.s.wakeCount();
      expect(await me.api.me.changeEmail({ email: 'Ada.New@Example.com', stepUp })).toEqual({
        status: 'confirmation_sent',
      });
      expect(h.s.wakeCount()).toBeGreaterThan(wakes);
      expect(await me.api.me.get()).toMatchObject({
        email: 'ada@example.com',
        pendingEmail: 'ada.new@example.com',
        emailVerified: true,
      });

      const [confirm] = await mailsTo('ada.new@example.com');
      expect(confirm?.subject).toBe('Confirm your new email address');
      const [notice] = await mailsTo('ada@example.com');
      expect(notice?.subject).toBe('A change of your email address was asked for');
      expect(notice?.text).toContain('ada.new@example.com');

      // Meanwhile mail, a reset included, goes to the old address only.
      const reset = await requestReset();
      const token = tokenFromMail(confirm ?? { text: '' }, '/confirm-email');
      expect(await h.browser().api.auth.confirmEmailChange({ token })).toEqual({ ok: true });
      expect(await me.api.me.get()).toMatchObject({
        email: 'ada.new@example.com',
        pendingEmail: null,
        emailVerified: true,
      });
      // The reset link sent to the old address stopped working with the change.
      await expectRosterCode(
        h.browser().api.auth.resetPassword({ token: reset, password: 'Another-Pass-77' }),
        'TOKEN_USED',
      );
      await h.browser().signIn('ada.new@example.com');
      const events = await h.s.db
        .selectFrom('securityEvents')
        .select('event')
        .where('userId', '=', user.id)
        .where('event', 'like', 'email_%')
        .orderBy('id')
        .execute();
      expect(events.map((event) => event.event)).toEqual([
        'email_change_requested',
        'email_changed',
      ]);
    });

    it('a link works once, even when 30 browsers open it at the same moment', async () => {
      await me.api.me.changeEmail({ email: 'ada.new@example.com', stepUp });
      const [confirm] = await mailsTo('ada.new@example.com');
      const token = tokenFromMail(confirm ?? { text: '' }, '/confirm-email');
      const results = await Promise.allSettled(
        Array.from({ length: 30 }, () => h.browser().api.auth.confirmEmailChange({ token })),
      );
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      expect((await stored()).email).toBe('ada.new@example.com');
    });

    it('a second request voids the link of the first', async () => {
      await me.api.me.changeEmail({ email: 'first@example.com', stepUp });
      await me.api.me.changeEmail({ email: 'second@example.com', stepUp });
      const [first] = await mailsTo('first@example.com');
      const [second] = await mailsTo('second@example.com');
      await expectRosterCode(
        h.browser().api.auth.confirmEmailChange({
          token: tokenFromMail(first ?? { text: '' }, '/confirm-email'),
        }),
        'TOKEN_USED',
      );
      expect((await me.api.me.get()).pendingEmail).toBe('second@example.com');
      await h.browser().api.auth.confirmEmailChange({
        token: tokenFromMail(second ?? { text: '' }, '/confirm-email'),
      });
      expect((await stored()).email).toBe('second@example.com');
    });

    it('refuses the link when someone took the address meanwhile, and changes nothing', async () => {
      await me.api.me.changeEmail({ email: 'ada.new@example.com', stepUp });
      const [confirm] = await mailsTo('ada.new@example.com');
      await h.createUser({ username: 'quick', email: 'ada.new@example.com' });
      const token = tokenFromMail(confirm ?? { text: '' }, '/confirm-email');
      await expectRosterCode(h.browser().api.auth.confirmEmailChange({ token }), 'EMAIL_TAKEN');
      expect((await stored()).email).toBe('ada@example.com');
    });

    it('a pending change expires after 24 hours', async () => {
      await me.api.me.changeEmail({ email: 'ada.new@example.com', stepUp });
      const [confirm] = await mailsTo('ada.new@example.com');
      h.s.clock.advance(24 * 3600 * SECOND + SECOND);
      expect((await me.api.me.get()).pendingEmail).toBeNull();
      await expectRosterCode(
        h.browser().api.auth.confirmEmailChange({
          token: tokenFromMail(confirm ?? { text: '' }, '/confirm-email'),
        }),
        'TOKEN_EXPIRED',
      );
    });
  });

  describe('without verification', () => {
    beforeEach(async () => {
      await h.s.settings({ signupRequireEmailVerification: false });
    });

    it('changes the address at once, unverified, tells the old one and voids older links', async () => {
      const reset = await requestReset();
      expect(await me.api.me.changeEmail({ email: 'ada.new@example.com', stepUp })).toEqual({
        status: 'changed',
      });
      expect(await me.api.me.get()).toMatchObject({
        email: 'ada.new@example.com',
        emailVerified: false,
        pendingEmail: null,
      });
      expect((await mailsTo('ada@example.com')).map((mail) => mail.subject)).toContain(
        'Your email address was changed',
      );
      await expectRosterCode(
        h.browser().api.auth.resetPassword({ token: reset, password: 'Another-Pass-77' }),
        'TOKEN_USED',
      );
      // The new address can be confirmed with the link sent to it.
      const [verify] = await mailsTo('ada.new@example.com');
      await h.browser().api.auth.verifyEmail({
        token: tokenFromMail(verify ?? { text: '' }, '/verify-email'),
      });
      expect((await stored()).emailVerified).toBe(true);
    });
  });

  describe('the step-up', () => {
    it('a missing password is asked for, judges nothing and counts nothing', async () => {
      for (let i = 0; i < 8; i += 1) {
        const error = await expectRosterCode(
          me.api.me.changeEmail({ email: 'ada.new@example.com', stepUp: {} }),
          'STEP_UP_REQUIRED',
        );
        expect(fieldOf(error)).toBe('stepUp.password');
      }
      await h.browser().signIn('ada');
      expect((await stored()).email).toBe('ada@example.com');
    });

    it('a wrong password changes nothing and counts like a failed sign-in', async () => {
      for (let i = 0; i < 5; i += 1) {
        const error = await expectRosterCode(
          me.api.me.changeEmail({
            email: 'ada.new@example.com',
            stepUp: { password: 'Wrong-pass-1' },
          }),
          'STEP_UP_FAILED',
        );
        expect(fieldOf(error)).toBe('stepUp.password');
      }
      await expectRosterCode(
        me.api.me.changeEmail({ email: 'ada.new@example.com', stepUp }),
        'ACCOUNT_LOCKED',
      );
      await expectRosterCode(
        h.browser().api.auth.login({ username: 'ada', password: GOOD_PASSWORD }),
        'ACCOUNT_LOCKED',
      );
      expect((await stored()).email).toBe('ada@example.com');
      expect(await h.s.outbox()).toEqual([]);
    });

    it('30 wrong passwords at once: at most 5 are judged, then the right one is refused', async () => {
      const results = await Promise.allSettled(
        Array.from({ length: 30 }, () =>
          me.api.me.changeEmail({
            email: 'ada.new@example.com',
            stepUp: { password: 'Wrong-pass-1' },
          }),
        ),
      );
      const codes = results.map((result) =>
        result.status === 'rejected'
          ? ((result.reason as { cause?: { code?: string } }).cause?.code ?? '?')
          : 'OK',
      );
      expect(codes.filter((code) => code === 'STEP_UP_FAILED').length).toBeLessThanOrEqual(5);
      expect(
        codes.filter((code) => code !== 'STEP_UP_FAILED').every((c) => c === 'ACCOUNT_LOCKED'),
      ).toBe(true);
      await expectRosterCode(
        me.api.me.changeEmail({ email: 'ada.new@example.com', stepUp }),
        'ACCOUNT_LOCKED',
      );
    });

    it('asks for a code as well when MFA is on', async () => {
      const { secret } = await me.api.mfa.setup();
      await me.api.mfa.enable({
        code: await totpCode(secret, h.s.clock.now()),
        password: GOOD_PASSWORD,
      });
      h.s.clock.advance(30 * SECOND);
      const missing = await expectRosterCode(
        me.api.me.changeEmail({ email: 'ada.new@example.com', stepUp }),
        'STEP_UP_REQUIRED',
      );
      expect(fieldOf(missing)).toBe('stepUp.code');
      const wrong = await expectRosterCode(
        me.api.me.changeEmail({
          email: 'ada.new@example.com',
          stepUp: {
            ...stepUp,
            code: '000000' === (await totpCode(secret, h.s.clock.now())) ? '111111' : '000000',
          },
        }),
        'STEP_UP_FAILED',
      );
      expect(fieldOf(wrong)).toBe('stepUp.code');
      await me.api.me.changeEmail({
        email: 'ada.new@example.com',
        stepUp: { ...stepUp, code: await totpCode(secret, h.s.clock.now()) },
      });
    });
  });

  it('refuses an address that is taken, whatever its case', async () => {
    await h.createUser({ username: 'grace', email: 'grace@example.com' });
    const error = await expectRosterCode(
      me.api.me.changeEmail({ email: 'Grace@Example.com', stepUp }),
      'EMAIL_TAKEN',
    );
    expect(fieldOf(error)).toBe('email');
    expect(await h.s.outbox()).toEqual([]);
  });

  it('keeps the address within its bounds', async () => {
    for (const bad of ['not-an-email', `${'e'.repeat(239)}@example.com`, '']) {
      const error = await expectRosterCode(
        me.api.me.changeEmail({ email: bad, stepUp }),
        'INVALID_INPUT',
      );
      expect(fieldOf(error)).toBe('email');
    }
    await expectRosterCode(
      me.api.me.changeEmail({ email: 'ada@example.com', stepUp }),
      // Its own current address: a code of its own, so the page can say just that.
      'SAME_EMAIL',
    );
    expect(
      await me.api.me.changeEmail({ email: `${'e'.repeat(238)}@example.com`, stepUp }),
    ).toMatchObject({ status: expect.any(String) as unknown });
  });

  it('refuses anonymous callers', async () => {
    await expectCode(
      h.browser().api.me.changeEmail({ email: 'x@example.com', stepUp }),
      'UNAUTHORIZED',
    );
  });
});
