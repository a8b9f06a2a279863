import { DIALECTS } from '@roster/users/testing';
import type { UsersRead } from '@roster/users';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Browser, createHarness, expectCode, type Harness, issueField } from './harness';

describe.each(DIALECTS)('users.publicProfile on %s', (dialect) => {
  let h: Harness;
  let anyone: Browser;
  let ada: UsersRead;

  beforeEach(async () => {
    h = await createHarness(dialect);
    anyone = h.browser();
    ada = await h.createUser({
      name: 'Ada Lovelace',
      username: 'ada',
      email: 'ada@example.com',
      city: 'London',
      birthdate: '1815-12-10',
      height: 165,
    });
  });
  afterEach(async () => {
    await h.destroy();
  });

  const allowPublic = () =>
    h.s.settings({ publicShareableLinks: true, publicShareableLinksUserInfo: true });

  it('shows only name, username, city and photo when both settings are on', async () => {
    await allowPublic();
    const profile = await anyone.api.users.publicProfile({ username: 'ada' });
    expect(profile).toEqual({
      id: ada.id,
      name: 'Ada Lovelace',
      username: 'ada',
      city: 'London',
      photoUrl: null,
    });
    // Any case finds the same person.
    expect(await anyone.api.users.publicProfile({ username: ' ADA ' })).toEqual(profile);
  });

  it('carries the photo URL once there is a photo', async () => {
    await allowPublic();
    await h.s.db
      .updateTable('users')
      .set({ photoPath: `${'a'.repeat(32)}.webp` })
      .where('id', '=', ada.id)
      .execute();
    expect((await anyone.api.users.publicProfile({ username: 'ada' })).photoUrl).toBe(
      `/api/photos/${'a'.repeat(32)}.webp`,
    );
  });

  it.each([
    ['both off', { publicShareableLinks: false, publicShareableLinksUserInfo: false }],
    ['only public links', { publicShareableLinks: true, publicShareableLinksUserInfo: false }],
    ['only user info', { publicShareableLinks: false, publicShareableLinksUserInfo: true }],
  ])('is NOT_FOUND with %s, for anonymous and signed-in callers alike', async (_label, patch) => {
    await h.s.settings(patch);
    const { browser: signedIn } = await h.signedIn();
    for (const caller of [anyone, signedIn]) {
      const error = await expectCode(
        caller.api.users.publicProfile({ username: 'ada' }),
        'NOT_FOUND',
      );
      expect(error.message).toBe('This profile does not exist or is not public.');
    }
  });

  it('is NOT_FOUND, with the same message, for unknown and deactivated users', async () => {
    await allowPublic();
    await h.createUser({ username: 'off', email: 'off@example.com', active: false });
    for (const username of ['nobody', 'off', 'not a username!']) {
      const error = await expectCode(anyone.api.users.publicProfile({ username }), 'NOT_FOUND');
      expect(error.message).toBe('This profile does not exist or is not public.');
    }
  });

  it('refuses malformed input with BAD_REQUEST', async () => {
    await allowPublic();
    let error = await expectCode(anyone.api.users.publicProfile({ username: '' }), 'BAD_REQUEST');
    expect(issueField(error)).toBe('username');
    error = await expectCode(
      anyone.api.users.publicProfile({ username: 'u'.repeat(251) }),
      'BAD_REQUEST',
    );
    expect(issueField(error)).toBe('username');
    // @ts-expect-error a number is not a username
    await expectCode(anyone.api.users.publicProfile({ username: 7 }), 'BAD_REQUEST');
    // @ts-expect-error the input is required
    await expectCode(anyone.api.users.publicProfile(), 'BAD_REQUEST');
    error = await expectCode(
      // @ts-expect-error strict: nothing else can be asked for
      anyone.api.users.publicProfile({ username: 'ada', fields: ['email'] }),
      'BAD_REQUEST',
    );
    expect(issueField(error)).toBe('fields');
  });
});
