import { LIMITS, MAX_PASSKEYS_PER_USER, MINUTE, totpCode, type UsersRead } from '@roster/users';
import { DIALECTS, GOOD_PASSWORD, TEST_APP_URL } from '@roster/users/testing';
import { SoftAuthenticator } from '@roster/users/testing/webauthn';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type Browser,
  createHarness,
  expectRosterCode,
  eventCount,
  fillPasskeys,
  type Harness,
  settledCodes,
} from './harness';

// Passkeys against @simplewebauthn/server with a software authenticator that makes real
// attestations and assertions (ES256 over node:crypto): nothing of WebAuthn is stubbed.

const ORIGIN = new URL(TEST_APP_URL).origin;

describe.each(DIALECTS)('passkeys on %s', (dialect) => {
  let h: Harness;
  let user: UsersRead;
  let owner: Browser;
  let device: SoftAuthenticator;

  beforeEach(async () => {
    h = await createHarness(dialect);
    ({ browser: owner, user } = await h.signedIn({ username: 'ada', email: 'ada@example.com' }));
    device = new SoftAuthenticator();
  });
  afterEach(async () => {
    await h.destroy();
  });

  async function addPasskey(browser = owner, authenticator = device, name = 'Laptop') {
    const options = await browser.api.me.passkeys.registrationOptions({
      stepUp: { password: GOOD_PASSWORD },
    });
    const response = await authenticator.register(options, ORIGIN);
    return browser.api.me.passkeys.register({ name, response });
  }

  /** A passwordless sign-in in a fresh browser; `answer` may tamper with the ceremony. */
  async function passkeySignIn(
    browser = h.browser(),
    answer: (
      options: Awaited<ReturnType<Browser['api']['auth']['passkeyOptions']>>,
    ) => ReturnType<SoftAuthenticator['authenticate']> = (options) =>
      device.authenticate(options, ORIGIN),
  ) {
    const options = await browser.api.auth.passkeyOptions();
    const response = await answer(options);
    return { browser, result: await browser.api.auth.passkeyLogin({ response }) };
  }

  it('adds a passkey after a step-up and lists it', async () => {
    await expectRosterCode(
      owner.api.me.passkeys.registrationOptions({ stepUp: {} }),
      'STEP_UP_REQUIRED',
    );
    await expectRosterCode(
      owner.api.me.passkeys.registrationOptions({ stepUp: { password: 'Wrong-pass-42' } }),
      'STEP_UP_FAILED',
    );
    const options = await owner.api.me.passkeys.registrationOptions({
      stepUp: { password: GOOD_PASSWORD },
    });
    expect(options).toMatchObject({
      rp: { id: 'roster.test', name: 'Roster' },
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    });
    const added = await owner.api.me.passkeys.register({
      name: 'Laptop',
      response: await device.register(options, ORIGIN),
    });
    expect(added).toMatchObject({ name: 'Laptop', backedUp: false, lastUsedAt: null });
    expect(await owner.api.me.passkeys.list()).toEqual([added]);
    // Only the public key is stored; the challenge only as its hash.
    const stored = await h.s.db.selectFrom('passkeys').selectAll().execute();
    expect(stored[0]?.publicKey).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(await h.s.db.selectFrom('webauthnChallenges').selectAll().execute()).toEqual([]);
    const events = await owner.api.me.securityEvents();
    expect(events.map((event) => event.event)).toContain('passkey_added');
  });

  const passkeysOf = async (userId: number) =>
    (await h.s.db.selectFrom('passkeys').select('id').where('userId', '=', userId).execute())
      .length;

  /** Another browser signed in to the same account. */
  async function ownerElsewhere() {
    const browser = h.browser();
    await browser.signIn('ada');
    return browser;
  }

  it(`holds at most ${String(MAX_PASSKEYS_PER_USER)} passkeys per account, judged at both steps`, async () => {
    await fillPasskeys(h.s, user.id, MAX_PASSKEYS_PER_USER - 1);
    // Options asked for while there was room…
    const options = await owner.api.me.passkeys.registrationOptions({
      stepUp: { password: GOOD_PASSWORD },
    });
    // …and the last place taken from another browser before they are answered.
    await addPasskey(await ownerElsewhere(), new SoftAuthenticator(), 'Phone');
    const refused = await expectRosterCode(
      owner.api.me.passkeys.register({
        name: 'Laptop',
        response: await device.register(options, ORIGIN),
      }),
      'PASSKEY_LIMIT',
    );
    expect(refused.code).toBe('CONFLICT');
    expect(refused.cause).toMatchObject({ details: { max: MAX_PASSKEYS_PER_USER } });
    // Judged before the step-up: a wrong password is not even looked at, so nothing counts.
    await expectRosterCode(
      owner.api.me.passkeys.registrationOptions({ stepUp: { password: 'Wrong-pass-42' } }),
      'PASSKEY_LIMIT',
    );
    expect(await h.s.db.selectFrom('throttleEvents').select('id').execute()).toEqual([]);
    expect(await passkeysOf(user.id)).toBe(MAX_PASSKEYS_PER_USER);
    // Removing one makes room for one.
    const [oldest] = await owner.api.me.passkeys.list();
    await owner.api.me.passkeys.delete({
      id: oldest?.id ?? 0,
      stepUp: { password: GOOD_PASSWORD },
    });
    await addPasskey();
    expect(await passkeysOf(user.id)).toBe(MAX_PASSKEYS_PER_USER);
  });

  it('of 30 browsers registering at once for the last free place, one adds its passkey', async () => {
    await fillPasskeys(h.s, user.id, MAX_PASSKEYS_PER_USER - 1);
    const ceremonies = [];
    for (let i = 0; i < 30; i += 1) {
      const browser = await ownerElsewhere();
      const options = await browser.api.me.passkeys.registrationOptions({
        stepUp: { password: GOOD_PASSWORD },
      });
      ceremonies.push({
        browser,
        response: await new SoftAuthenticator().register(options, ORIGIN),
      });
    }
    const codes = await settledCodes(
      ceremonies.map(({ browser, response }, i) =>
        browser.api.me.passkeys.register({ name: `Race ${String(i)}`, response }),
      ),
    );
    expect(codes.filter((code) => code === 'OK')).toHaveLength(1);
    expect(codes.filter((code) => code === 'PASSKEY_LIMIT')).toHaveLength(29);
    expect(await passkeysOf(user.id)).toBe(MAX_PASSKEYS_PER_USER);
    expect(await eventCount(h.s, 'passkey_added')).toBe(1);
  });

  it('a fresh passkey sign-in stands for the step-up of an account without a password', async () => {
    await addPasskey();
    // As for an account made through an identity provider: no password at all (stored as '').
    await h.s.db.updateTable('users').set({ passwordHash: '' }).where('id', '=', user.id).execute();
    const { browser } = await passkeySignIn();
    const input = { name: 'Script', scopes: ['me:read' as const], expiresInDays: 1, stepUp: {} };
    expect((await browser.api.me.apiKeys.create(input)).key).toMatch(/^rst_/);
    // The session signed in with the password earlier proves nothing now.
    const stale = await expectRosterCode(owner.api.me.apiKeys.create(input), 'STEP_UP_REQUIRED');
    expect(stale.cause).toMatchObject({ details: { part: 'sign_in' } });
    h.s.clock.advance(11 * MINUTE);
    await expectRosterCode(browser.api.me.apiKeys.create(input), 'STEP_UP_REQUIRED');
  });

  it('signs in without a password, complete even with MFA on', async () => {
    await addPasskey();
    const setup = await owner.api.mfa.setup();
    await owner.api.mfa.enable({
      code: await totpCode(setup.secret, h.s.clock.now()),
      password: GOOD_PASSWORD,
    });
    const { browser, result } = await passkeySignIn();
    expect(result).toMatchObject({ status: 'authenticated', user: { id: user.id } });
    expect(browser.cookies.has('roster_session')).toBe(true);
    expect((await browser.api.me.get()).id).toBe(user.id);
    const [passkey] = await owner.api.me.passkeys.list();
    expect(passkey?.lastUsedAt).toBe(new Date(h.s.clock.now()).toISOString());
  });

  it('refuses a wrong origin, a wrong RP id, another browser, a replayed and an expired challenge', async () => {
    await addPasskey();
    await expectRosterCode(
      passkeySignIn(undefined, (options) => device.authenticate(options, 'http://evil.test')),
      'PASSKEY_FAILED',
    );
    await expectRosterCode(
      passkeySignIn(undefined, (options) =>
        device.authenticate(options, ORIGIN, { rpId: 'evil.test' }),
      ),
      'PASSKEY_FAILED',
    );

    // Asked for in one browser, answered from another.
    const asking = h.browser();
    const options = await asking.api.auth.passkeyOptions();
    const response = await device.authenticate(options, ORIGIN);
    await expectRosterCode(h.browser().api.auth.passkeyLogin({ response }), 'SIGN_IN_EXPIRED');
    // …and the challenge is used up by that attempt.
    await expectRosterCode(asking.api.auth.passkeyLogin({ response }), 'SIGN_IN_EXPIRED');

    const { browser } = await passkeySignIn();
    const again = await browser.api.auth.passkeyOptions();
    const answer = await device.authenticate(again, ORIGIN);
    h.s.clock.advance(6 * MINUTE);
    await expectRosterCode(browser.api.auth.passkeyLogin({ response: answer }), 'SIGN_IN_EXPIRED');
  });

  it(`offers at most ${String(LIMITS.passkeyOptions.max)} passkey sign-ins per 5 minutes to one network, also asked for at once`, async () => {
    const { max } = LIMITS.passkeyOptions;
    const network = h.browser('198.51.100.30');
    const codes = await settledCodes(
      Array.from({ length: max + 30 }, () => network.api.auth.passkeyOptions()),
    );
    expect(codes.filter((code) => code === 'OK')).toHaveLength(max);
    expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(30);
    // Each offer stores a challenge: the refused ones stored nothing.
    const stored = await h.s.db.selectFrom('webauthnChallenges').select('id').execute();
    expect(stored).toHaveLength(max);
    const refused = await expectRosterCode(network.api.auth.passkeyOptions(), 'RATE_LIMITED');
    expect(refused.cause).toMatchObject({ retryAfterSeconds: expect.any(Number) as number });
    // Another network is not held by this one, and the window moves on.
    await h.browser('203.0.113.99').api.auth.passkeyOptions();
    h.s.clock.advance(5 * MINUTE);
    await network.api.auth.passkeyOptions();
  });

  it('refuses a counter that goes back, and logs it', async () => {
    await addPasskey();
    await passkeySignIn();
    await passkeySignIn();
    await expectRosterCode(
      passkeySignIn(undefined, (options) => device.authenticate(options, ORIGIN, { counter: 1 })),
      'PASSKEY_FAILED',
    );
    const events = await owner.api.me.securityEvents();
    expect(events.map((event) => event.event)).toContain('passkey_counter_regressed');
  });

  it('of 30 answers to one challenge at once, one signs in', async () => {
    await addPasskey();
    const browser = h.browser();
    const options = await browser.api.auth.passkeyOptions();
    const response = await device.authenticate(options, ORIGIN);
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, () => browser.api.auth.passkeyLogin({ response })),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const sessions = await h.s.db
      .selectFrom('sessions')
      .select('id')
      .where('userId', '=', user.id)
      .execute();
    expect(sessions).toHaveLength(2);
  });

  it('counts failed passkey sign-ins like wrong passwords', async () => {
    await addPasskey();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await expectRosterCode(
        passkeySignIn(undefined, (options) => device.authenticate(options, 'http://evil.test')),
        'PASSKEY_FAILED',
      );
    }
    await expectRosterCode(passkeySignIn(), 'ACCOUNT_LOCKED');
  });

  it('refuses an unknown passkey and an account that may not sign in', async () => {
    await expectRosterCode(
      passkeySignIn(undefined, async (options) => {
        const stranger = new SoftAuthenticator();
        await stranger.register(
          await owner.api.me.passkeys.registrationOptions({ stepUp: { password: GOOD_PASSWORD } }),
          ORIGIN,
        );
        return stranger.authenticate(options, ORIGIN);
      }),
      'PASSKEY_FAILED',
    );
    await addPasskey();
    const { browser: admin } = await h.signedIn({ accessType: 'admin' });
    await admin.api.admin.users.update({ id: user.id, active: false });
    await expectRosterCode(passkeySignIn(), 'ACCOUNT_DISABLED');
  });

  it('renames, and removes after a step-up, never the last way to sign in', async () => {
    const passkey = await addPasskey();
    await owner.api.me.passkeys.rename({ id: passkey.id, name: 'Phone' });
    expect((await owner.api.me.passkeys.list())[0]?.name).toBe('Phone');

    // Someone else's passkey is not theirs to touch.
    const { browser: other } = await h.signedIn();
    await expectRosterCode(
      other.api.me.passkeys.rename({ id: passkey.id, name: 'Mine' }),
      'NOT_FOUND',
    );
    await expectRosterCode(
      other.api.me.passkeys.delete({ id: passkey.id, stepUp: { password: GOOD_PASSWORD } }),
      'NOT_FOUND',
    );

    await h.s.settings({ passwordLoginEnabled: false });
    await expectRosterCode(
      owner.api.me.passkeys.delete({ id: passkey.id, stepUp: { password: GOOD_PASSWORD } }),
      'LAST_SIGN_IN_METHOD',
    );
    await h.s.settings({ passwordLoginEnabled: true });
    await expectRosterCode(
      owner.api.me.passkeys.delete({ id: passkey.id, stepUp: {} }),
      'STEP_UP_REQUIRED',
    );
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, () =>
        owner.api.me.passkeys.delete({ id: passkey.id, stepUp: { password: GOOD_PASSWORD } }),
      ),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(await owner.api.me.passkeys.list()).toEqual([]);
  });

  describe('as the second factor', () => {
    let secret: string;

    beforeEach(async () => {
      await addPasskey();
      const setup = await owner.api.mfa.setup();
      secret = setup.secret;
      await owner.api.mfa.enable({
        code: await totpCode(secret, h.s.clock.now()),
        password: GOOD_PASSWORD,
      });
    });

    it('answers the second step with a passkey', async () => {
      expect((await owner.api.mfa.status()).passkeys).toBe(1);
      const browser = h.browser();
      const first = await browser.api.auth.login({ username: 'ada', password: GOOD_PASSWORD });
      expect(first).toEqual({
        status: 'mfa_required',
        methods: ['totp', 'backup_code', 'passkey'],
      });
      const options = await browser.api.auth.mfaPasskeyOptions();
      expect(options.allowCredentials?.map((credential) => credential.id)).toEqual([
        device.credentials[0]?.id,
      ]);
      const passkey = await device.authenticate(options, ORIGIN);
      const done = await browser.api.auth.verifyMfa({ passkey });
      expect(done.user.id).toBe(user.id);
      expect(browser.cookies.has('roster_session')).toBe(true);
    });

    it('refuses someone else’s passkey and counts it as a wrong code', async () => {
      const { browser: other } = await h.signedIn();
      const theirs = new SoftAuthenticator();
      await addPasskey(other, theirs);
      const browser = h.browser();
      await browser.api.auth.login({ username: 'ada', password: GOOD_PASSWORD });
      const options = await browser.api.auth.mfaPasskeyOptions();
      // An authenticator answers with its own credential whatever the request allows.
      const foreign = await theirs.authenticate(options, ORIGIN, {
        credentialId: theirs.credentials[0]?.id ?? '',
      });
      await expectRosterCode(browser.api.auth.verifyMfa({ passkey: foreign }), 'WRONG_CODE');
      // The right one still works within the same pending sign-in.
      const again = await browser.api.auth.mfaPasskeyOptions();
      const done = await browser.api.auth.verifyMfa({
        passkey: await device.authenticate(again, ORIGIN),
      });
      expect(done.user.id).toBe(user.id);
    });

    it('needs a pending sign-in', async () => {
      await expectRosterCode(h.browser().api.auth.mfaPasskeyOptions(), 'SIGN_IN_EXPIRED');
    });
  });

  describe('an admin resets a lost device', () => {
    it('after their own step-up, removes every second factor, ends the sessions, tells them', async () => {
      await addPasskey();
      const setup = await owner.api.mfa.setup();
      await owner.api.mfa.enable({
        code: await totpCode(setup.secret, h.s.clock.now()),
        password: GOOD_PASSWORD,
      });
      const { browser: admin } = await h.signedIn({ accessType: 'admin' });
      expect(await admin.api.admin.users.secondFactors({ id: user.id })).toEqual({
        totp: true,
        backupCodesRemaining: 10,
        passkeys: 1,
      });
      await expectRosterCode(
        admin.api.admin.users.resetSecondFactors({ id: user.id, stepUp: {} }),
        'STEP_UP_REQUIRED',
      );
      await expectRosterCode(
        owner.api.admin.users.resetSecondFactors({
          id: user.id,
          stepUp: { password: GOOD_PASSWORD },
        }),
        'NOT_ALLOWED',
      );
      await admin.api.admin.users.resetSecondFactors({
        id: user.id,
        stepUp: { password: GOOD_PASSWORD },
      });
      expect(await admin.api.admin.users.secondFactors({ id: user.id })).toEqual({
        totp: false,
        backupCodesRemaining: 0,
        passkeys: 0,
      });
      await expectRosterCode(owner.api.me.get(), 'SIGNED_OUT');
      await h.s.settle();
      const mail = (await h.s.outbox()).filter((message) => message.to === 'ada@example.com');
      expect(mail.at(-1)?.subject).toBe('Your sign-in factors were reset');
      // The password alone signs in again.
      expect(
        (await h.browser().api.auth.login({ username: 'ada', password: GOOD_PASSWORD })).status,
      ).toBe('authenticated');
      const events = await admin.api.admin.securityEvents.list({ userId: user.id });
      expect(events.map((event) => event.event)).toContain('admin_second_factors_reset');
    });
  });

  it('refuses anonymous callers and malformed answers', async () => {
    const anonymous = h.browser();
    await expectRosterCode(anonymous.api.me.passkeys.list(), 'SIGNED_OUT');
    await expectRosterCode(
      anonymous.api.me.passkeys.registrationOptions({ stepUp: { password: GOOD_PASSWORD } }),
      'SIGNED_OUT',
    );
    await anonymous.api.auth.passkeyOptions();
    await expectRosterCode(
      anonymous.api.auth.passkeyLogin({
        response: {
          id: 'AAAA',
          rawId: 'AAAA',
          type: 'public-key',
          response: { clientDataJSON: 'not-json', authenticatorData: 'AAAA', signature: 'AAAA' },
          clientExtensionResults: {},
        },
      }),
      'PASSKEY_FAILED',
    );
    await expectRosterCode(
      owner.api.me.passkeys.register({
        name: 'Broken',
        response: {
          id: 'AAAA',
          rawId: 'AAAA',
          type: 'public-key',
          response: { clientDataJSON: 'not-json', attestationObject: 'AAAA' },
          clientExtensionResults: {},
        },
      }),
      'PASSKEY_FAILED',
    );
    await expectRosterCode(
      // @ts-expect-error -- not a credential at all
      owner.api.me.passkeys.register({ name: 'Broken', response: 'nope' }),
      'INVALID_INPUT',
    );
  });
});
