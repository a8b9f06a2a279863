import { MINUTE, SECOND, totpCode } from '@roster/users';
import { DIALECTS } from '@roster/users/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Browser, createHarness, expectCode, GOOD_PASSWORD, type Harness } from './harness';

const STEP = 30 * SECOND;

describe.each(DIALECTS)('MFA on %s', (dialect) => {
  let h: Harness;
  let browser: Browser;
  let username: string;
  let secret: string;
  let backupCodes: string[];

  /** A code for the authenticator at the current time plus `steps` steps. */
  const code = (steps = 0) => totpCode(secret, h.s.clock.now() + steps * STEP);

  beforeEach(async () => {
    h = await createHarness(dialect);
    const signedIn = await h.signedIn();
    browser = signedIn.browser;
    username = signedIn.user.username;
    ({ secret } = await browser.api.mfa.setup());
    ({ backupCodes } = await browser.api.mfa.enable({
      code: await code(),
      password: GOOD_PASSWORD,
    }));
    h.s.clock.advance(STEP);
  });
  afterEach(async () => {
    await h.destroy();
  });

  /** Password step of a sign-in in a fresh browser: MFA is asked for. */
  const startLogin = async () => {
    const b = h.browser();
    const result = await b.api.auth.login({ username, password: GOOD_PASSWORD });
    expect(result).toEqual({ status: 'mfa_required', methods: ['totp', 'backup_code'] });
    expect(b.cookies.has('roster_mfa')).toBe(true);
    expect(b.cookies.has('roster_session')).toBe(false);
    return b;
  };

  describe('enrolment', () => {
    it('gives 10 backup codes shaped XXXX-XXXX and reports the status', async () => {
      expect(backupCodes).toHaveLength(10);
      for (const backup of backupCodes)
        expect(backup).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
      expect(new Set(backupCodes).size).toBe(10);
      expect(await browser.api.mfa.status()).toEqual({
        enabled: true,
        backupCodesRemaining: 10,
        passkeys: 0,
      });
      expect((await browser.api.me.get()).mfaEnabled).toBe(true);
    });

    it('stores the secret encrypted and the backup codes hashed', async () => {
      const row = await h.s.db
        .selectFrom('users')
        .select('mfaSecret')
        .where('username', '=', username)
        .executeTakeFirstOrThrow();
      expect(row.mfaSecret).toMatch(/^v1\./);
      expect(row.mfaSecret).not.toContain(secret);
      const stored = await h.s.db.selectFrom('mfaBackupCodes').select('codeHash').execute();
      const text = JSON.stringify(stored);
      for (const backup of backupCodes) {
        expect(text).not.toContain(backup);
        expect(text).not.toContain(backup.replace('-', ''));
      }
    });

    it('needs a valid code from the new secret and the password', async () => {
      const { browser: other } = await h.signedIn();
      const setup = await other.api.mfa.setup();
      expect(setup.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Roster:.+\?secret=/);
      expect(setup.qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
      const good = await totpCode(setup.secret, h.s.clock.now());
      expect(
        issueMessage(
          await expectCode(
            other.api.mfa.enable({ code: '000000', password: GOOD_PASSWORD }),
            'BAD_REQUEST',
          ),
        ),
      ).toMatch(/not right/);
      await expectCode(
        other.api.mfa.enable({ code: good, password: 'Wrong-pass-1' }),
        'BAD_REQUEST',
      );
      expect((await other.api.mfa.status()).enabled).toBe(false);
      await other.api.mfa.enable({ code: good, password: GOOD_PASSWORD });
      expect((await other.api.mfa.status()).enabled).toBe(true);
      // Already on: no second setup over it.
      await expectCode(other.api.mfa.setup(), 'BAD_REQUEST');
    });

    it('the code used to enable cannot sign in', async () => {
      const { browser: other, user } = await h.signedIn();
      const setup = await other.api.mfa.setup();
      const enabling = await totpCode(setup.secret, h.s.clock.now());
      await other.api.mfa.enable({ code: enabling, password: GOOD_PASSWORD });
      const b = h.browser();
      await b.api.auth.login({ username: user.username, password: GOOD_PASSWORD });
      await expectCode(b.api.auth.verifyMfa({ code: enabling }), 'BAD_REQUEST');
    });
  });

  describe('sign-in second step', () => {
    it('accepts the right code, issues a fresh session and clears the pending cookie', async () => {
      const b = await startLogin();
      b.cookies.set('roster_session', 'planted-token');
      const result = await b.api.auth.verifyMfa({ code: await code() });
      expect(result.status).toBe('authenticated');
      expect(result.user.username).toBe(username);
      expect(b.cookies.get('roster_session')).not.toBe('planted-token');
      expect(b.cookies.has('roster_mfa')).toBe(false);
      expect((await b.api.me.get()).username).toBe(username);
    });

    it('accepts the previous and the next step, not two steps away', async () => {
      // The step before now must be newer than the one used to enable MFA.
      h.s.clock.advance(STEP);
      const previous = await startLogin();
      await previous.api.auth.verifyMfa({ code: await code(-1) });
      h.s.clock.advance(3 * STEP);
      const next = await startLogin();
      await next.api.auth.verifyMfa({ code: await code(1) });
      h.s.clock.advance(5 * STEP);
      const far = await startLogin();
      await expectCode(far.api.auth.verifyMfa({ code: await code(-2) }), 'BAD_REQUEST');
      await expectCode(far.api.auth.verifyMfa({ code: await code(2) }), 'BAD_REQUEST');
    });

    it('refuses a wrong code, and a replay of a used step, also from another session', async () => {
      const first = await startLogin();
      const second = await startLogin();
      await expectCode(
        first.api.auth.verifyMfa({ code: '123456' === (await code()) ? '654321' : '123456' }),
        'BAD_REQUEST',
      );
      const current = await code();
      await first.api.auth.verifyMfa({ code: current });
      const replay = await expectCode(second.api.auth.verifyMfa({ code: current }), 'BAD_REQUEST');
      expect(replay.message).toMatch(/not right/);
      // An older step is refused too once a newer one was used.
      h.s.clock.advance(STEP);
      const third = await startLogin();
      await third.api.auth.verifyMfa({ code: await code() });
      const fourth = await startLogin();
      await expectCode(fourth.api.auth.verifyMfa({ code: await code(-1) }), 'BAD_REQUEST');
    });

    it('accepts a backup code once, in any case and without the dash', async () => {
      const [backup = ''] = backupCodes;
      const b = await startLogin();
      await b.api.auth.verifyMfa({ code: backup.toLowerCase().replace('-', '') });
      const again = await startLogin();
      await expectCode(again.api.auth.verifyMfa({ code: backup }), 'BAD_REQUEST');
      expect((await browser.api.mfa.status()).backupCodesRemaining).toBe(9);
    });

    it('ends the pending login after 5 wrong codes', async () => {
      const b = await startLogin();
      for (let i = 0; i < 4; i += 1) {
        await expectCode(b.api.auth.verifyMfa({ code: 'AAAA-AAAA' }), 'BAD_REQUEST');
      }
      const fifth = await expectCode(b.api.auth.verifyMfa({ code: 'AAAA-AAAA' }), 'BAD_REQUEST');
      expect(fifth.message).toMatch(/Too many wrong codes/);
      expect(b.cookies.has('roster_mfa')).toBe(false);
      b.cookies.set('roster_mfa', 'stale');
      await expectCode(b.api.auth.verifyMfa({ code: await code() }), 'UNAUTHORIZED');
    });

    it('grants nothing while pending, and expires after 5 minutes', async () => {
      const b = await startLogin();
      const pending = b.cookies.get('roster_mfa') ?? '';
      // The pending cookie is not a session.
      b.cookies.set('roster_session', pending);
      await expectCode(b.api.me.get(), 'UNAUTHORIZED');
      await expectCode(b.api.mfa.status(), 'UNAUTHORIZED');
      b.cookies.delete('roster_session');
      h.s.clock.advance(5 * MINUTE + SECOND);
      const expired = await expectCode(
        b.api.auth.verifyMfa({ code: await code() }),
        'UNAUTHORIZED',
      );
      expect(expired.message).toMatch(/expired/);
    });

    it('without a pending login, a code is UNAUTHORIZED', async () => {
      await expectCode(h.browser().api.auth.verifyMfa({ code: await code() }), 'UNAUTHORIZED');
      // @ts-expect-error a wrongly typed input is refused
      await expectCode(h.browser().api.auth.verifyMfa({ code: 123456 }), 'BAD_REQUEST');
    });
  });

  describe('disable and regenerate', () => {
    it('regenerating needs password and code, and replaces every backup code', async () => {
      await expectCode(
        browser.api.mfa.regenerateBackupCodes({ password: GOOD_PASSWORD, code: '000000' }),
        'BAD_REQUEST',
      );
      await expectCode(
        browser.api.mfa.regenerateBackupCodes({ password: 'Wrong-pass-1', code: await code() }),
        'BAD_REQUEST',
      );
      const { backupCodes: fresh } = await browser.api.mfa.regenerateBackupCodes({
        password: GOOD_PASSWORD,
        code: backupCodes[0] ?? '',
      });
      expect(fresh).toHaveLength(10);
      const b = await startLogin();
      await expectCode(b.api.auth.verifyMfa({ code: backupCodes[1] ?? '' }), 'BAD_REQUEST');
      await b.api.auth.verifyMfa({ code: fresh[0] ?? '' });
    });

    it('disabling needs password and code, then sign-in asks for no code', async () => {
      await expectCode(
        browser.api.mfa.disable({ password: GOOD_PASSWORD, code: '000000' }),
        'BAD_REQUEST',
      );
      await browser.api.mfa.disable({ password: GOOD_PASSWORD, code: await code() });
      expect(await browser.api.mfa.status()).toEqual({
        enabled: false,
        backupCodesRemaining: 0,
        passkeys: 0,
      });
      expect(await h.s.db.selectFrom('mfaBackupCodes').selectAll().execute()).toEqual([]);
      await h.browser().signIn(username);
    });

    it('every MFA procedure refuses an anonymous caller', async () => {
      const anonymous = h.browser();
      await expectCode(anonymous.api.mfa.status(), 'UNAUTHORIZED');
      await expectCode(anonymous.api.mfa.setup(), 'UNAUTHORIZED');
      await expectCode(anonymous.api.mfa.enable({ code: '000000', password: 'x' }), 'UNAUTHORIZED');
      await expectCode(
        anonymous.api.mfa.disable({ code: '000000', password: 'x' }),
        'UNAUTHORIZED',
      );
      await expectCode(
        anonymous.api.mfa.regenerateBackupCodes({ code: '000000', password: 'x' }),
        'UNAUTHORIZED',
      );
    });
  });
});

function issueMessage(error: { message: string }): string {
  return error.message;
}
