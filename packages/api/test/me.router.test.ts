import { DIALECTS } from '@roster/users/testing';
import { type DomainError, getUserById, UsersMe, type UsersRead } from '@roster/users';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Browser, createHarness, expectCode, type Harness, issueField } from './harness';

describe.each(DIALECTS)('me.update and me.privacy.update on %s', (dialect) => {
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

  const stored = async () => {
    const row = await getUserById(h.s.db, user.id);
    if (!row) throw new Error('the user is gone');
    return row;
  };

  it('refuses anonymous callers on every me procedure', async () => {
    const anyone = h.browser();
    await expectCode(anyone.api.me.get(), 'UNAUTHORIZED');
    await expectCode(anyone.api.me.update({ name: 'X' }), 'UNAUTHORIZED');
    await expectCode(anyone.api.me.privacy.update({ hideActivityMap: true }), 'UNAUTHORIZED');
    await expectCode(anyone.api.me.uploadPhoto(new FormData()), 'UNAUTHORIZED');
    await expectCode(anyone.api.me.deletePhoto(), 'UNAUTHORIZED');
  });

  it('changes every profile field and answers with the whole UsersMe', async () => {
    const updated = await me.api.me.update({
      name: '  Ada King  ',
      username: 'Ada.King',
      city: 'London',
      birthdate: '1815-12-10',
      preferredLanguage: 'es',
      gender: 'female',
      units: 'imperial',
      height: 165,
      maxHeartRate: 180,
      firstDayOfWeek: 'sunday',
      currency: 'pound',
    });
    expect(updated).toMatchObject({
      name: 'Ada King',
      username: 'ada.king',
      email: 'ada@example.com',
      city: 'London',
      birthdate: '1815-12-10',
      preferredLanguage: 'es',
      gender: 'female',
      units: 'imperial',
      height: 165,
      maxHeartRate: 180,
      firstDayOfWeek: 'sunday',
      currency: 'pound',
      accessType: 'regular',
      photoUrl: null,
      defaultActivityVisibility: 'public',
      hideActivityMap: false,
    });
    expect(Object.keys(updated).sort()).toEqual(Object.keys(UsersMe.shape).sort());
    expect(await me.api.me.get()).toEqual(updated);

    // Only the keys sent change; null clears an optional field, '' clears the city.
    const cleared = await me.api.me.update({ city: '', height: null, birthdate: null });
    expect(cleared).toMatchObject({ city: null, height: null, birthdate: null, units: 'imperial' });
    expect(await me.api.me.update({})).toEqual(cleared);
  });

  const bounds: [string, unknown[], unknown[]][] = [
    ['name', ['N', 'n'.repeat(250)], ['', '   ', 'n'.repeat(251), 42, null]],
    [
      'username',
      ['a', 'a.b.9', 'u'.repeat(250)],
      ['', 'has space', 'dash-ed', 'u'.repeat(251), null],
    ],
    ['city', ['C', 'c'.repeat(250), null], ['c'.repeat(251), 7]],
    ['birthdate', ['2000-02-29', null], ['2023-02-29', '2000-13-01', '01/02/2000', '2000-1-1']],
    ['preferredLanguage', ['ca', 'cn', 'tw', 'sl', 'us'], ['en', 'EN', '', null]],
    ['gender', ['male', 'female', 'unspecified'], ['other', null]],
    ['units', ['metric', 'imperial'], ['si', null]],
    ['height', [1, 300, null], [0, 301, 170.5, '170']],
    ['maxHeartRate', [30, 250, null], [29, 251, 150.5, '150']],
    ['firstDayOfWeek', ['sunday', 'saturday'], ['funday', 'Monday', null]],
    ['currency', ['euro', 'dollar', 'pound'], ['yen', null]],
  ];

  it.each(bounds)('keeps %s within its bounds', async (field, good, bad) => {
    for (const value of good) {
      const result = (await me.api.me.update({ [field]: value })) as Record<string, unknown>;
      const expected =
        typeof value === 'string' && (field === 'username' || field === 'email')
          ? value.toLowerCase()
          : value;
      expect(result[field], `${field} = ${JSON.stringify(value)}`).toEqual(expected);
    }
    const before = await stored();
    for (const value of bad) {
      const error = await expectCode(me.api.me.update({ [field]: value }), 'BAD_REQUEST');
      expect(issueField(error), `${field} = ${JSON.stringify(value)}`).toBe(field);
    }
    expect(await stored()).toEqual(before);
  });

  it.each([
    ['accessType', 'admin'],
    ['active', false],
    ['emailVerified', true],
    ['pendingAdminApproval', true],
    ['mfaEnabled', true],
    ['photoPath', '../../etc/passwd'],
    ['id', 1],
    ['password', 'Another-Password-1'],
  ])('refuses %s: account state is not the user’s to set', async (key, value) => {
    const before = await stored();
    // A computed key gets past the input type, as a hand-written request would.
    const error = await expectCode(
      me.api.me.update({ name: 'Still Ada', [key]: value }),
      'BAD_REQUEST',
    );
    expect(error.message).toContain(`Unknown field: ${key}`);
    expect(issueField(error)).toBe(key);
    expect(await stored()).toEqual(before);
  });

  it('keeps usernames unique whatever their case, naming the field', async () => {
    await h.createUser({ username: 'grace', email: 'grace@example.com' });
    const error = await expectCode(me.api.me.update({ username: 'GRACE' }), 'CONFLICT');
    expect(error.message).toBe('This username is already taken.');
    expect((error.cause as DomainError).field).toBe('username');
    // Their own name in another case is no conflict.
    expect((await me.api.me.update({ username: 'ADA' })).username).toBe('ada');
  });

  it('updates privacy settings and carries them in UsersMe', async () => {
    const updated = await me.api.me.privacy.update({
      defaultActivityVisibility: 'followers',
      hideActivityMap: true,
      hideActivityHr: true,
    });
    expect(updated).toMatchObject({
      id: user.id,
      username: 'ada',
      defaultActivityVisibility: 'followers',
      hideActivityMap: true,
      hideActivityHr: true,
      hideActivityGear: false,
    });
    expect(await me.api.me.get()).toEqual(updated);
    expect(await me.api.me.privacy.update({})).toEqual(updated);
  });

  it('validates privacy settings strictly', async () => {
    const before = await me.api.me.get();
    let error = await expectCode(
      // @ts-expect-error not a visibility
      me.api.me.privacy.update({ defaultActivityVisibility: 'friends' }),
      'BAD_REQUEST',
    );
    expect(issueField(error)).toBe('defaultActivityVisibility');
    // @ts-expect-error a switch is a boolean
    error = await expectCode(me.api.me.privacy.update({ hideActivityMap: 'yes' }), 'BAD_REQUEST');
    expect(issueField(error)).toBe('hideActivityMap');
    // @ts-expect-error unknown key
    error = await expectCode(me.api.me.privacy.update({ hideActivityMood: true }), 'BAD_REQUEST');
    expect(issueField(error)).toBe('hideActivityMood');
    // @ts-expect-error the privacy router does not change the profile
    await expectCode(me.api.me.privacy.update({ name: 'Ada' }), 'BAD_REQUEST');
    expect(await me.api.me.get()).toEqual(before);
  });
});
