import { LIMITS, MINUTE, type PasswordHasher, SECOND, totpCode } from '@roster/users';
import { DIALECTS, type TestServices } from '@roster/users/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLIENT_IP_HEADER } from '../src/node';
import { startApiServer } from './api-server';
import {
  createHarness,
  expectRosterCode,
  GOOD_PASSWORD,
  type Harness,
  settledCodes,
} from './harness';

/** Counts the passwords the hasher is asked to judge: a throttle promises a number of these. */
function countJudgements(s: TestServices): { judged: () => number } {
  const inner: PasswordHasher = s.hasher;
  let judged = 0;
  s.hasher = {
    ...inner,
    verify: (password, hash) => {
      judged += 1;
      return inner.verify(password, hash);
    },
    verifyDummy: (password) => {
      judged += 1;
      return inner.verifyDummy(password);
    },
  };
  return { judged: () => judged };
}

const count = (list: string[], code: string) => list.filter((item) => item === code).length;

interface BatchAnswer {
  error?: { data: { rosterCode: string } };
  result?: unknown;
}

describe.each(DIALECTS)('limits under concurrency on %s (README › Security)', (dialect) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(dialect);
    await h.createUser({ username: 'victim', email: 'victim@example.com' });
  });
  afterEach(async () => {
    await h.destroy();
  });

  const login = (password: string, ip = '198.51.100.1') =>
    h.browser(ip).api.auth.login({ username: 'victim', password });

  it('30 wrong sign-ins at once on one account: at most 5 judged, then the right password is refused', async () => {
    const counter = countJudgements(h.s);
    const answers = await settledCodes(
      Array.from({ length: 30 }, (_, i) => login('Wrong-pass-1', `198.51.100.${i + 1}`)),
    );
    expect(counter.judged()).toBeLessThanOrEqual(5);
    expect(count(answers, 'INVALID_CREDENTIALS')).toBe(counter.judged());
    expect(count(answers, 'ACCOUNT_LOCKED')).toBe(30 - counter.judged());
    await expectRosterCode(login(GOOD_PASSWORD, '198.51.100.99'), 'ACCOUNT_LOCKED');
  });

  it('a batch of 10 sign-ins through the HTTP server: at most 5 judged, then the right one is refused', async () => {
    const counter = countJudgements(h.s);
    const paths = Array.from({ length: 10 }, () => 'auth.login').join(',');
    const body = Object.fromEntries(
      Array.from({ length: 10 }, (_, i) => [i, { username: 'victim', password: 'Wrong-pass-1' }]),
    );
    const server = await startApiServer(h.s);
    const response = await server.call(`${paths}?batch=1`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
    await server.close();
    const answers = (await response.json()) as BatchAnswer[];
    expect(answers).toHaveLength(10);
    const rosterCodes = answers.map((answer) => answer.error?.data.rosterCode ?? 'OK');
    expect(counter.judged()).toBeLessThanOrEqual(5);
    expect(count(rosterCodes, 'INVALID_CREDENTIALS')).toBe(counter.judged());
    expect(count(rosterCodes, 'ACCOUNT_LOCKED')).toBe(10 - counter.judged());
    await expectRosterCode(login(GOOD_PASSWORD), 'ACCOUNT_LOCKED');
  });

  it('passkey sign-ins offered in 13 batches of 10 at once: exactly the network allowance', async () => {
    const { max } = LIMITS.passkeyOptions;
    const paths = Array.from({ length: 10 }, () => 'auth.passkeyOptions').join(',');
    const body = JSON.stringify(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [i, {}])));
    const server = await startApiServer(h.s);
    const responses = await Promise.all(
      Array.from({ length: 13 }, () =>
        server.call(`${paths}?batch=1`, {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/json', [CLIENT_IP_HEADER]: '198.51.100.40' },
        }),
      ),
    );
    const answers = (await Promise.all(responses.map((r) => r.json()))) as BatchAnswer[][];
    await server.close();
    const rosterCodes = answers.flat().map((answer) => answer.error?.data.rosterCode ?? 'OK');
    expect(count(rosterCodes, 'OK')).toBe(max);
    expect(count(rosterCodes, 'RATE_LIMITED')).toBe(130 - max);
    expect(await h.s.db.selectFrom('webauthnChallenges').select('id').execute()).toHaveLength(max);
  });

  it('attempts refused during a lock count nothing: the lock ends on time', async () => {
    for (let i = 0; i < 5; i += 1) {
      await expectRosterCode(login('Wrong-pass-1'), 'INVALID_CREDENTIALS');
    }
    // Knocking on the lock, in parallel and in a row, does not keep it alive.
    await settledCodes(Array.from({ length: 20 }, () => login('Wrong-pass-1')));
    for (let i = 0; i < 5; i += 1) await expectRosterCode(login(GOOD_PASSWORD), 'ACCOUNT_LOCKED');
    h.s.clock.advance(30 * SECOND);
    await h.browser().signIn('victim');
  });

  it('the same spray across accounts from one IPv6 /64 trips the network limit', async () => {
    const counter = countJudgements(h.s);
    // 60 different accounts, from 60 addresses of one /64, all at once.
    const answers = await settledCodes(
      Array.from({ length: 60 }, (_, i) =>
        h
          .browser(`2001:db8:1:2::${(i + 1).toString(16)}`)
          .api.auth.login({ username: `nobody${i}`, password: 'Wrong-pass-1' }),
      ),
    );
    expect(counter.judged()).toBeLessThanOrEqual(50);
    expect(count(answers, 'RATE_LIMITED')).toBe(60 - counter.judged());
    // Another address of the same /64 is refused; another network is not.
    await expectRosterCode(login(GOOD_PASSWORD, '2001:db8:1:2:ffff::1'), 'RATE_LIMITED');
    await h.browser('2001:db8:1:3::1').signIn('victim');
  });

  it('counts an IPv4-mapped IPv6 address as its IPv4 address', async () => {
    for (let i = 0; i < 50; i += 1) {
      await expectRosterCode(
        h.browser('::ffff:203.0.113.5').api.auth.login({ username: `n${i}`, password: 'x' }),
        'INVALID_CREDENTIALS',
      );
    }
    await expectRosterCode(login(GOOD_PASSWORD, '203.0.113.5'), 'RATE_LIMITED');
  });

  describe('the second step', () => {
    let secret: string;
    beforeEach(async () => {
      const { browser } = await h.signedIn({ username: 'mfa', email: 'mfa@example.com' });
      ({ secret } = await browser.api.mfa.setup());
      await browser.api.mfa.enable({
        code: await totpCode(secret, h.s.clock.now()),
        password: GOOD_PASSWORD,
      });
      h.s.clock.advance(30 * SECOND);
    });

    const startLogin = async () => {
      const browser = h.browser();
      const result = await browser.api.auth.login({ username: 'mfa', password: GOOD_PASSWORD });
      expect(result.status).toBe('mfa_required');
      return browser;
    };
    const wrongCode = async () =>
      (await totpCode(secret, h.s.clock.now())) === '000000' ? '111111' : '000000';

    it('30 wrong codes at once on one pending sign-in: at most 5 judged, then the right code is refused', async () => {
      const browser = await startLogin();
      const wrong = await wrongCode();
      const answers = await settledCodes(
        Array.from({ length: 30 }, () => browser.api.auth.verifyMfa({ code: wrong })),
      );
      expect(count(answers, 'WRONG_CODE')).toBeLessThanOrEqual(5);
      expect(
        count(answers, 'WRONG_CODE') +
          count(answers, 'ACCOUNT_LOCKED') +
          count(answers, 'SIGN_IN_EXPIRED'),
      ).toBe(30);
      // Locked, and this pending sign-in is over: the right code gets nowhere.
      const right = await totpCode(secret, h.s.clock.now());
      expect(['ACCOUNT_LOCKED', 'SIGN_IN_EXPIRED']).toContain(
        (await settledCodes([browser.api.auth.verifyMfa({ code: right })]))[0],
      );
      await expectRosterCode(
        h.browser().api.auth.login({ username: 'mfa', password: GOOD_PASSWORD }),
        'ACCOUNT_LOCKED',
      );
    });

    it('a correct password wipes nothing: wrong codes after it keep growing the lock', async () => {
      // 4 wrong codes, each after a correct password.
      for (let i = 0; i < 4; i += 1) {
        const browser = await startLogin();
        await expectRosterCode(
          browser.api.auth.verifyMfa({ code: await wrongCode() }),
          'WRONG_CODE',
        );
      }
      const fifth = await startLogin();
      await expectRosterCode(fifth.api.auth.verifyMfa({ code: await wrongCode() }), 'WRONG_CODE');
      // Five failures: locked for 30 s, the password too.
      await expectRosterCode(
        h.browser().api.auth.login({ username: 'mfa', password: GOOD_PASSWORD }),
        'ACCOUNT_LOCKED',
      );
      h.s.clock.advance(30 * SECOND);
      const sixth = await startLogin();
      await expectRosterCode(sixth.api.auth.verifyMfa({ code: await wrongCode() }), 'WRONG_CODE');
      const locked = h.browser();
      await expectRosterCode(
        locked.api.auth.login({ username: 'mfa', password: GOOD_PASSWORD }),
        'ACCOUNT_LOCKED',
      );
      expect(locked.headers.get('retry-after')).toBe('60');
      // A completed sign-in clears it.
      h.s.clock.advance(60 * SECOND);
      const done = await startLogin();
      await done.api.auth.verifyMfa({ code: await totpCode(secret, h.s.clock.now()) });
      for (let i = 0; i < 4; i += 1) {
        const browser = await startLogin();
        await expectRosterCode(
          browser.api.auth.verifyMfa({ code: await wrongCode() }),
          'WRONG_CODE',
        );
      }
      await startLogin();
    });

    it('the fifth wrong code ends the pending sign-in with WRONG_CODE; after that SIGN_IN_EXPIRED', async () => {
      const browser = await startLogin();
      for (let i = 0; i < 4; i += 1) {
        await expectRosterCode(browser.api.auth.verifyMfa({ code: 'AAAA-AAAA' }), 'WRONG_CODE');
      }
      await expectRosterCode(browser.api.auth.verifyMfa({ code: 'AAAA-AAAA' }), 'WRONG_CODE');
      expect(browser.cookies.has('roster_mfa')).toBe(false);
      h.s.clock.advance(15 * MINUTE);
      const again = await startLogin();
      const pending = again.cookies.get('roster_mfa') ?? '';
      browser.cookies.set('roster_mfa', pending);
      h.s.clock.advance(5 * MINUTE + SECOND);
      await expectRosterCode(
        browser.api.auth.verifyMfa({ code: await totpCode(secret, h.s.clock.now()) }),
        'SIGN_IN_EXPIRED',
      );
    });

    it('30 step-up codes at once on mfa.disable: at most 5 judged', async () => {
      const owner = await startLogin();
      await owner.api.auth.verifyMfa({ code: await totpCode(secret, h.s.clock.now()) });
      const wrong = await wrongCode();
      const answers = await settledCodes(
        Array.from({ length: 30 }, () =>
          owner.api.mfa.disable({ password: GOOD_PASSWORD, code: wrong }),
        ),
      );
      expect(count(answers, 'STEP_UP_FAILED')).toBeLessThanOrEqual(5);
      expect(count(answers, 'STEP_UP_FAILED') + count(answers, 'ACCOUNT_LOCKED')).toBe(30);
      expect((await owner.api.mfa.status()).enabled).toBe(true);
    });
  });

  it('30 password changes with a wrong current password at once: at most 5 judged', async () => {
    const { browser } = await h.signedIn({ username: 'changer', email: 'changer@example.com' });
    const counter = countJudgements(h.s);
    const answers = await settledCodes(
      Array.from({ length: 30 }, () =>
        browser.api.me.changePassword({
          currentPassword: 'Wrong-pass-1',
          password: 'New-Pass-123!',
        }),
      ),
    );
    expect(counter.judged()).toBeLessThanOrEqual(5);
    expect(count(answers, 'STEP_UP_FAILED')).toBe(counter.judged());
    await expectRosterCode(
      browser.api.me.changePassword({
        currentPassword: GOOD_PASSWORD,
        password: 'New-Pass-123!',
      }),
      'ACCOUNT_LOCKED',
    );
  });

  it('30 reset requests at once for one address send at most 5 emails', async () => {
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        h
          .browser(`198.51.100.${i + 1}`)
          .api.auth.requestPasswordReset({ email: 'victim@example.com' }),
      ),
    );
    await Promise.all([h.s.settle(), h.s.settle(), h.s.settle()]);
    const resets = (await h.s.outbox()).filter((mail) => mail.subject === 'Reset your password');
    expect(resets).toHaveLength(5);
  });

  it('sign-ups from one network at once stop at 30', async () => {
    await h.s.settings({
      signupEnabled: true,
      signupRequireEmailVerification: false,
      signupRequireAdminApproval: false,
    });
    const answers = await settledCodes(
      Array.from({ length: 40 }, (_, i) =>
        h.browser('198.51.100.77').api.auth.signup({
          name: `S ${i}`,
          username: `s${i}`,
          email: `s${i}@example.com`,
          password: GOOD_PASSWORD,
        }),
      ),
    );
    expect(count(answers, 'OK')).toBe(30);
    expect(count(answers, 'RATE_LIMITED')).toBe(10);
  });
});
