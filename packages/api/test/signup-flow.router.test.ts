import { DIALECTS, tokenFromMail } from '@roster/users/testing';
import { DAY, HOUR } from '@roster/users';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Browser, createHarness, expectCode, GOOD_PASSWORD, type Harness } from './harness';

const person = {
  name: 'Grace Hopper',
  username: 'grace',
  email: 'grace@example.com',
  password: GOOD_PASSWORD,
};

describe.each(DIALECTS)('the sign-up state machine on %s', (dialect) => {
  let h: Harness;
  let admin: Browser;
  let anyone: Browser;

  beforeEach(async () => {
    h = await createHarness(dialect);
    ({ browser: admin } = await h.signedIn({
      accessType: 'admin',
      username: 'boss',
      email: 'boss@example.com',
    }));
    await h.createUser({
      accessType: 'admin',
      username: 'off',
      email: 'off@example.com',
      active: false,
    });
    anyone = h.browser();
  });
  afterEach(async () => {
    await h.destroy();
  });

  const mailsTo = async (address: string) =>
    (await h.s.outbox()).filter((mail) => mail.to === address);
  const pendingId = async () => {
    const list = await admin.api.admin.users.list({ filter: 'pending_approval' });
    const id = list.records[0]?.id;
    if (id === undefined) throw new Error('no pending sign-up');
    return id;
  };

  it('verification and approval: verify, admins told, approve, sign in', async () => {
    await h.s.settings({
      signupEnabled: true,
      signupRequireEmailVerification: true,
      signupRequireAdminApproval: true,
    });
    expect(await anyone.api.auth.signup(person)).toEqual({
      status: 'pending',
      emailVerificationRequired: true,
      adminApprovalRequired: true,
    });
    expect(
      (
        await expectCode(
          anyone.api.auth.login({ username: person.username, password: person.password }),
          'FORBIDDEN',
        )
      ).message,
    ).toMatch(/not verified/);
    // Admins hear of it only once the address is confirmed.
    expect(await mailsTo('boss@example.com')).toEqual([]);

    const [verification] = await mailsTo(person.email);
    expect(verification?.subject).toBe('Confirm your email address');
    expect(verification?.text).toContain('http://roster.test/verify-email?token=');
    expect(verification?.html).toContain('http://roster.test/verify-email?token=');
    const token = tokenFromMail(verification ?? { text: '' }, '/verify-email');
    expect(await anyone.api.auth.verifyEmail({ token })).toEqual({ status: 'pending' });
    expect(
      (
        await expectCode(
          anyone.api.auth.login({ username: person.username, password: person.password }),
          'FORBIDDEN',
        )
      ).message,
    ).toMatch(/approve/);

    const notices = await mailsTo('boss@example.com');
    expect(notices.map((mail) => mail.subject)).toEqual([
      'New sign-up waiting for approval: grace',
    ]);
    expect(await mailsTo('off@example.com')).toEqual([]);

    const approved = await admin.api.admin.users.approve({ id: await pendingId() });
    expect(approved).toMatchObject({
      active: true,
      pendingAdminApproval: false,
      emailVerified: true,
    });
    expect((await mailsTo(person.email)).map((mail) => mail.subject)).toContain(
      'Your account was approved',
    );
    await anyone.signIn(person.username);
  });

  it('verification only: the link activates the account', async () => {
    await h.s.settings({
      signupEnabled: true,
      signupRequireEmailVerification: true,
      signupRequireAdminApproval: false,
    });
    expect(await anyone.api.auth.signup(person)).toMatchObject({
      status: 'pending',
      adminApprovalRequired: false,
    });
    const [mail] = await mailsTo(person.email);
    expect(
      await anyone.api.auth.verifyEmail({
        token: tokenFromMail(mail ?? { text: '' }, '/verify-email'),
      }),
    ).toEqual({
      status: 'active',
    });
    expect(await mailsTo('boss@example.com')).toEqual([]);
    await anyone.signIn(person.username);
  });

  it('approval only: admins are told at once, and approving an unverified address works', async () => {
    await h.s.settings({
      signupEnabled: true,
      signupRequireEmailVerification: false,
      signupRequireAdminApproval: true,
    });
    expect(await anyone.api.auth.signup(person)).toMatchObject({
      status: 'pending',
      emailVerificationRequired: false,
    });
    expect(await mailsTo(person.email)).toEqual([]);
    expect(await mailsTo('boss@example.com')).toHaveLength(1);
    expect(
      (
        await expectCode(
          anyone.api.auth.login({ username: person.username, password: person.password }),
          'FORBIDDEN',
        )
      ).message,
    ).toMatch(/approve/);
    await admin.api.admin.users.approve({ id: await pendingId() });
    await anyone.signIn(person.username);
  });

  it('neither: active at once, no mail at all', async () => {
    await h.s.settings({
      signupEnabled: true,
      signupRequireEmailVerification: false,
      signupRequireAdminApproval: false,
    });
    expect(await anyone.api.auth.signup(person)).toMatchObject({ status: 'active' });
    expect(await h.s.outbox()).toEqual([]);
    await anyone.signIn(person.username);
  });

  it('the sign-up and its emails are queued in one transaction and the sender is woken', async () => {
    await h.s.settings({ signupEnabled: true });
    const before = h.s.wakeCount();
    await anyone.api.auth.signup(person);
    expect(h.s.wakeCount()).toBeGreaterThan(before);
    await expectCode(anyone.api.auth.signup(person), 'CONFLICT');
    // The refused duplicate queued nothing.
    expect(await mailsTo(person.email)).toHaveLength(1);
  });

  it('approve refuses an unverified address while verification is required, and a user not pending', async () => {
    await h.s.settings({ signupEnabled: true });
    await anyone.api.auth.signup(person);
    const id = await pendingId();
    expect(
      (await expectCode(admin.api.admin.users.approve({ id }), 'BAD_REQUEST')).message,
    ).toMatch(/not verified/);
    const { user } = await h.signedIn();
    expect(
      (await expectCode(admin.api.admin.users.approve({ id: user.id }), 'BAD_REQUEST')).message,
    ).toMatch(/not waiting/);
    await expectCode(admin.api.admin.users.approve({ id: 99_999 }), 'NOT_FOUND');
  });

  it('reject deletes the pending sign-up and tells the person', async () => {
    await h.s.settings({ signupEnabled: true, signupRequireEmailVerification: false });
    await anyone.api.auth.signup(person);
    const id = await pendingId();
    expect(
      await admin.api.admin.users.reject({ id, reason: 'We only accept club members.' }),
    ).toEqual({ ok: true });
    const rejection = (await mailsTo(person.email)).at(-1);
    expect(rejection?.subject).toBe('Your sign-up was not approved');
    expect(rejection?.text).toContain('We only accept club members.');
    await expectCode(admin.api.admin.users.get({ id }), 'NOT_FOUND');
    await expectCode(
      anyone.api.auth.login({ username: person.username, password: person.password }),
      'UNAUTHORIZED',
    );
    const { user } = await h.signedIn();
    await expectCode(admin.api.admin.users.reject({ id: user.id }), 'BAD_REQUEST');
  });

  it('approve and reject are admin-only', async () => {
    const { browser: regular } = await h.signedIn();
    await expectCode(regular.api.admin.users.approve({ id: 1 }), 'FORBIDDEN');
    await expectCode(regular.api.admin.users.reject({ id: 1 }), 'FORBIDDEN');
    await expectCode(anyone.api.admin.users.approve({ id: 1 }), 'UNAUTHORIZED');
    await expectCode(anyone.api.admin.users.reject({ id: 1 }), 'UNAUTHORIZED');
    // @ts-expect-error a wrongly typed input is refused
    await expectCode(admin.api.admin.users.approve({ id: 'one' }), 'BAD_REQUEST');
  });

  describe('verification links', () => {
    beforeEach(async () => {
      await h.s.settings({ signupEnabled: true, signupRequireAdminApproval: false });
      await anyone.api.auth.signup(person);
    });
    const latestToken = async () =>
      tokenFromMail((await mailsTo(person.email)).at(-1) ?? { text: '' }, '/verify-email');

    it('work once', async () => {
      const token = await latestToken();
      await anyone.api.auth.verifyEmail({ token });
      expect(
        (await expectCode(anyone.api.auth.verifyEmail({ token }), 'BAD_REQUEST')).message,
      ).toMatch(/already used/);
    });

    it('expire after 24 hours', async () => {
      const token = await latestToken();
      h.s.clock.advance(DAY + 1000);
      expect(
        (await expectCode(anyone.api.auth.verifyEmail({ token }), 'BAD_REQUEST')).message,
      ).toMatch(/expired/);
    });

    it('are voided by a new one, which works', async () => {
      const first = await latestToken();
      expect(await anyone.api.auth.resendVerification({ email: person.email })).toEqual({
        ok: true,
      });
      await h.s.settle();
      const second = await latestToken();
      expect(second).not.toBe(first);
      await expectCode(anyone.api.auth.verifyEmail({ token: first }), 'BAD_REQUEST');
      expect(await anyone.api.auth.verifyEmail({ token: second })).toEqual({ status: 'active' });
    });

    it('are refused when garbage, with BAD_REQUEST', async () => {
      await expectCode(anyone.api.auth.verifyEmail({ token: 'x'.repeat(43) }), 'BAD_REQUEST');
      await expectCode(anyone.api.auth.verifyEmail({ token: '' }), 'BAD_REQUEST');
      // @ts-expect-error a wrongly typed input is refused
      await expectCode(anyone.api.auth.verifyEmail({}), 'BAD_REQUEST');
    });

    it('resend answers the same for unknown, verified and unverified addresses, and mails only the last', async () => {
      const before = (await h.s.outbox()).length;
      for (const email of ['nobody@example.com', 'boss@example.com', person.email]) {
        expect(await anyone.api.auth.resendVerification({ email })).toEqual({ ok: true });
      }
      await h.s.settle();
      const sent = (await h.s.outbox()).slice(before);
      expect(sent.map((mail) => mail.to)).toEqual([person.email]);
    });

    it('resend sends at most 5 mails an hour to one address, still answering ok', async () => {
      const before = (await mailsTo(person.email)).length;
      for (let i = 0; i < 7; i += 1) {
        expect(await anyone.api.auth.resendVerification({ email: person.email })).toEqual({
          ok: true,
        });
        await h.s.settle();
      }
      expect((await mailsTo(person.email)).length - before).toBe(5);
      h.s.clock.advance(HOUR + 1000);
      await anyone.api.auth.resendVerification({ email: person.email });
      await h.s.settle();
      expect((await mailsTo(person.email)).length - before).toBe(6);
    });

    it('do not reactivate an account an admin deactivated', async () => {
      const token = await latestToken();
      const id = (await admin.api.admin.users.list({ search: 'grace' })).records[0]?.id ?? 0;
      await h.s.db
        .updateTable('users')
        .set({ awaitingVerification: false })
        .where('id', '=', id)
        .execute();
      expect(await anyone.api.auth.verifyEmail({ token })).toEqual({ status: 'pending' });
      expect(
        (
          await expectCode(
            anyone.api.auth.login({ username: person.username, password: person.password }),
            'FORBIDDEN',
          )
        ).message,
      ).toMatch(/disabled/);
    });
  });

  it('sign-ups are limited to 30 per 5 minutes per IP', async () => {
    await h.s.settings({
      signupEnabled: true,
      signupRequireEmailVerification: false,
      signupRequireAdminApproval: false,
    });
    const sameIp = h.browser('198.51.100.99');
    for (let i = 0; i < 30; i += 1) {
      await sameIp.api.auth.signup({ ...person, username: `p${i}`, email: `p${i}@example.com` });
    }
    const error = await expectCode(
      sameIp.api.auth.signup({ ...person, username: 'p30', email: 'p30@example.com' }),
      'TOO_MANY_REQUESTS',
    );
    expect(error.message).toMatch(/Too many sign-ups/);
    expect(Number(sameIp.headers.get('retry-after'))).toBeGreaterThan(0);
    await h
      .browser('198.51.100.100')
      .api.auth.signup({ ...person, username: 'other', email: 'other@example.com' });
  });
});
