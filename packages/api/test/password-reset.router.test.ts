import { DIALECTS, tokenFromMail } from '@roster/users/testing';
import { HOUR } from '@roster/users';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, expectCode, GOOD_PASSWORD, type Harness } from './harness';

const NEW_PASSWORD = 'Brand-New-Pass-7';

describe.each(DIALECTS)('password reset on %s', (dialect) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(dialect);
    await h.createUser({ username: 'rita', email: 'rita@example.com' });
  });
  afterEach(async () => {
    await h.destroy();
  });

  const resetMails = async () =>
    (await h.s.outbox()).filter((mail) => mail.subject === 'Reset your password');
  const requestReset = async (email = 'rita@example.com') => {
    expect(await h.browser().api.auth.requestPasswordReset({ email })).toEqual({ ok: true });
    await h.s.settle();
    const mail = (await resetMails()).at(-1);
    return mail ? tokenFromMail(mail, '/reset-password') : null;
  };

  it('answers the same for an unknown address and sends nothing', async () => {
    expect(await requestReset('nobody@example.com')).toBeNull();
    expect(await h.s.outbox()).toEqual([]);
  });

  it('mails nothing before the answer: the work happens after the response', async () => {
    await h.browser().api.auth.requestPasswordReset({ email: 'rita@example.com' });
    expect(await h.s.outbox()).toEqual([]);
    await h.s.settle();
    expect(await resetMails()).toHaveLength(1);
  });

  it('sets the new password, ends every session, confirms by mail, and signs nobody in', async () => {
    const session = h.browser();
    await session.signIn('rita');
    const token = await requestReset();
    const link = (await resetMails())[0]?.text ?? '';
    expect(link).toContain(`http://roster.test/reset-password?token=${token ?? ''}`);

    const resetter = h.browser();
    expect(
      await resetter.api.auth.resetPassword({ token: token ?? '', password: NEW_PASSWORD }),
    ).toEqual({ ok: true });
    expect(resetter.cookies.size).toBe(0);
    await expectCode(session.api.me.get(), 'UNAUTHORIZED');
    await expectCode(
      h.browser().api.auth.login({ username: 'rita', password: GOOD_PASSWORD }),
      'UNAUTHORIZED',
    );
    await h.browser().signIn('rita', NEW_PASSWORD);
    expect((await h.s.outbox()).map((mail) => mail.subject)).toContain('Your password was changed');
  });

  it('links work once, expire after an hour, and a new request voids the old link', async () => {
    const first = (await requestReset()) ?? '';
    const second = (await requestReset()) ?? '';
    expect(second).not.toBe(first);
    await expectCode(
      h.browser().api.auth.resetPassword({ token: first, password: NEW_PASSWORD }),
      'BAD_REQUEST',
    );
    await h.browser().api.auth.resetPassword({ token: second, password: NEW_PASSWORD });
    expect(
      (
        await expectCode(
          h.browser().api.auth.resetPassword({ token: second, password: 'Another-Pass-8' }),
          'BAD_REQUEST',
        )
      ).message,
    ).toMatch(/already used/);

    const third = (await requestReset()) ?? '';
    h.s.clock.advance(HOUR + 1000);
    expect(
      (
        await expectCode(
          h.browser().api.auth.resetPassword({ token: third, password: 'Another-Pass-8' }),
          'BAD_REQUEST',
        )
      ).message,
    ).toMatch(/expired/);
  });

  it('keeps the link when the new password breaks the policy', async () => {
    const token = (await requestReset()) ?? '';
    const error = await expectCode(
      h.browser().api.auth.resetPassword({ token, password: 'weak' }),
      'BAD_REQUEST',
    );
    expect(error.message).toMatch(/Password needs/);
    await h.browser().api.auth.resetPassword({ token, password: NEW_PASSWORD });
  });

  it('works while the account is locked by failed sign-ins, and lifts the lock', async () => {
    for (let i = 0; i < 5; i += 1) {
      await expectCode(
        h.browser().api.auth.login({ username: 'rita', password: 'Wrong-pass-1' }),
        'UNAUTHORIZED',
      );
    }
    await expectCode(
      h.browser().api.auth.login({ username: 'rita', password: GOOD_PASSWORD }),
      'TOO_MANY_REQUESTS',
    );
    const token = (await requestReset()) ?? '';
    await h.browser().api.auth.resetPassword({ token, password: NEW_PASSWORD });
    await h.browser().signIn('rita', NEW_PASSWORD);
  });

  it('refuses bad input', async () => {
    await expectCode(
      h.browser().api.auth.requestPasswordReset({ email: 'not-an-email' }),
      'BAD_REQUEST',
    );
    await expectCode(
      h.browser().api.auth.resetPassword({ token: 'nope', password: NEW_PASSWORD }),
      'BAD_REQUEST',
    );
    await expectCode(
      h.browser().api.auth.resetPassword({ token: 'x', password: 'y'.repeat(251) }),
      'BAD_REQUEST',
    );
  });
});
