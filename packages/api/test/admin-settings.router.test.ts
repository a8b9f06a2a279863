import { DEFAULT_SERVER_SETTINGS } from '@roster/users';
import { DIALECTS } from '@roster/users/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Browser, createHarness, expectCode, type Harness, issueField } from './harness';

describe.each(DIALECTS)('serverSettings router on %s', (dialect) => {
  let h: Harness;
  let admin: Browser;
  let regular: Browser;
  let anyone: Browser;

  beforeEach(async () => {
    h = await createHarness(dialect);
    ({ browser: admin } = await h.signedIn({
      accessType: 'admin',
      username: 'boss',
      email: 'boss@example.com',
    }));
    ({ browser: regular } = await h.signedIn());
    anyone = h.browser();
  });
  afterEach(async () => {
    await h.destroy();
  });

  it('get answers every setting, starting from the documented defaults', async () => {
    expect(await admin.api.serverSettings.get()).toEqual(DEFAULT_SERVER_SETTINGS);
    expect(DEFAULT_SERVER_SETTINGS).toEqual({
      signupEnabled: false,
      signupRequireEmailVerification: true,
      signupRequireAdminApproval: true,
      passwordType: 'strict',
      passwordLengthRegularUsers: 8,
      passwordLengthAdminUsers: 12,
      units: 'metric',
      currency: 'euro',
      numRecordsPerPage: 25,
      publicShareableLinks: false,
      publicShareableLinksUserInfo: false,
      passwordLoginEnabled: true,
    });
  });

  it('update changes only the settings given, answers all of them and logs who did it', async () => {
    const changed = await admin.api.serverSettings.update({
      signupEnabled: true,
      passwordType: 'length_only',
      passwordLengthAdminUsers: 128,
      passwordLengthRegularUsers: 8,
      numRecordsPerPage: 100,
      currency: 'pound',
    });
    expect(changed).toEqual({
      ...DEFAULT_SERVER_SETTINGS,
      signupEnabled: true,
      passwordType: 'length_only',
      passwordLengthAdminUsers: 128,
      numRecordsPerPage: 100,
      currency: 'pound',
    });
    expect(await admin.api.serverSettings.update({ units: 'imperial' })).toEqual({
      ...changed,
      units: 'imperial',
    });
    expect(await admin.api.serverSettings.update({})).toEqual({ ...changed, units: 'imperial' });
    const publicView = await anyone.api.serverSettings.getPublic();
    expect(publicView).toMatchObject({ signupEnabled: true, units: 'imperial' });
    expect(publicView).not.toHaveProperty('numRecordsPerPage');
    const log = await h.s.db
      .selectFrom('securityEvents')
      .select(['event', 'details'])
      .where('event', '=', 'admin_settings_updated')
      .orderBy('id')
      .execute();
    expect(log[0]?.details).toContain('passwordType');
    expect(log).toHaveLength(3);
  });

  it('the password lengths take effect at the next sign-up', async () => {
    await admin.api.serverSettings.update({
      signupEnabled: true,
      signupRequireEmailVerification: false,
      signupRequireAdminApproval: false,
      passwordType: 'length_only',
      passwordLengthRegularUsers: 20,
    });
    const person = { name: 'P', username: 'p', email: 'p@example.com' };
    const error = await expectCode(
      anyone.api.auth.signup({ ...person, password: 'nineteen characters' }),
      'BAD_REQUEST',
    );
    expect(error.message).toMatch(/at least 20 characters/);
    await anyone.api.auth.signup({ ...person, password: 'twenty characters ok' });
  });

  it.each([
    ['passwordLengthRegularUsers', { passwordLengthRegularUsers: 7 }],
    ['passwordLengthRegularUsers', { passwordLengthRegularUsers: 129 }],
    ['passwordLengthAdminUsers', { passwordLengthAdminUsers: 7 }],
    ['passwordLengthAdminUsers', { passwordLengthAdminUsers: 129 }],
    ['passwordLengthAdminUsers', { passwordLengthAdminUsers: 12.5 }],
    ['numRecordsPerPage', { numRecordsPerPage: 0 }],
    ['numRecordsPerPage', { numRecordsPerPage: 101 }],
    ['passwordType', { passwordType: 'none' }],
    ['units', { units: 'furlongs' }],
    ['currency', { currency: 'bitcoin' }],
    ['signupEnabled', { signupEnabled: 'yes' }],
    ['setupCodeHash', { setupCodeHash: 'x' }],
    ['theme', { theme: 'dark' }],
  ])('update refuses a bad or unknown %s, naming it, and changes nothing', async (field, bad) => {
    const error = await expectCode(
      // @ts-expect-error deliberately malformed input
      admin.api.serverSettings.update({ currency: 'dollar', ...bad }),
      'BAD_REQUEST',
    );
    expect(issueField(error)).toBe(field);
    expect(error.message).not.toMatch(/^\[|\{/);
    expect(await admin.api.serverSettings.get()).toEqual(DEFAULT_SERVER_SETTINGS);
  });

  it('the length bounds 8 and 128 are accepted', async () => {
    expect(
      await admin.api.serverSettings.update({
        passwordLengthRegularUsers: 8,
        passwordLengthAdminUsers: 128,
      }),
    ).toMatchObject({ passwordLengthRegularUsers: 8, passwordLengthAdminUsers: 128 });
    expect(
      await admin.api.serverSettings.update({
        passwordLengthRegularUsers: 128,
        passwordLengthAdminUsers: 8,
        numRecordsPerPage: 1,
      }),
    ).toMatchObject({ passwordLengthRegularUsers: 128, passwordLengthAdminUsers: 8 });
  });

  it('get and update are FORBIDDEN to a regular user and UNAUTHORIZED to anonymous', async () => {
    await expectCode(regular.api.serverSettings.get(), 'FORBIDDEN');
    await expectCode(regular.api.serverSettings.update({ signupEnabled: true }), 'FORBIDDEN');
    await expectCode(anyone.api.serverSettings.get(), 'UNAUTHORIZED');
    await expectCode(anyone.api.serverSettings.update({ signupEnabled: true }), 'UNAUTHORIZED');
    expect(await admin.api.serverSettings.get()).toEqual(DEFAULT_SERVER_SETTINGS);
  });
});
