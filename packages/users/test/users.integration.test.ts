import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  approveUser,
  checkUserIsActive,
  Conflict,
  createSignupUser,
  createUser,
  deleteUser,
  editUser,
  getAllUsers,
  getPrivacySettings,
  getServerSettings,
  getUserByEmail,
  getUserById,
  getUserByIdOr404,
  getUserByUsername,
  getUsersAdmin,
  getAdminUsersOr404,
  getUsersNumber,
  getUsersWithPagination,
  getUserCredentials,
  InvalidInput,
  LastAdmin,
  PolicyViolation,
  UserNotFound,
  UsersCreate,
  UsersSignup,
  verifyUserEmail,
  editUserPassword,
  updateUserPhoto,
  AccountBlocked,
  NotFound,
  countActiveAdmins,
  type UsersCreateInput,
} from '../src/index';
import { createTestServices, DIALECTS, GOOD_PASSWORD, type TestServices } from '../src/testing';

function createInput(overrides: Partial<UsersCreateInput> = {}): UsersCreate {
  return UsersCreate.parse({
    name: 'Ada Lovelace',
    username: 'ada',
    email: 'ada@example.com',
    password: GOOD_PASSWORD,
    ...overrides,
  });
}

describe.each(DIALECTS)('users library on %s', (dialect) => {
  let s: TestServices;
  beforeEach(async () => {
    s = await createTestServices(dialect);
  });
  afterEach(async () => {
    await s.destroy();
  });

  it('stores usernames and emails lowercase and finds them in any case', async () => {
    const user = await createUser(s, createInput({ username: 'Ada.L', email: 'Ada@Example.COM' }));
    expect(user.username).toBe('ada.l');
    expect(user.email).toBe('ada@example.com');
    expect((await getUserByUsername(s.db, 'ADA.L'))?.id).toBe(user.id);
    expect((await getUserByEmail(s.db, 'ADA@example.com'))?.id).toBe(user.id);
    expect(await getUserByUsername(s.db, 'nobody')).toBeNull();
  });

  it('applies the schema defaults and creates the privacy row', async () => {
    const user = await createUser(s, createInput());
    expect(user).toMatchObject({
      preferredLanguage: 'us',
      gender: 'unspecified',
      units: 'metric',
      firstDayOfWeek: 'monday',
      currency: 'euro',
      city: null,
      birthdate: null,
      height: null,
      maxHeartRate: null,
      accessType: 'regular',
      active: true,
      emailVerified: true,
      pendingAdminApproval: false,
      mfaEnabled: false,
      photoPath: null,
      externalAuthCount: 0,
    });
    const privacy = await getPrivacySettings(s.db, user.id);
    expect(privacy.defaultActivityVisibility).toBe('public');
    expect(privacy.hideActivityGear).toBe(false);
  });

  it('raises one generic conflict for a taken username or email in any case', async () => {
    await createUser(s, createInput());
    const byUsername = createUser(s, createInput({ username: 'ADA', email: 'other@example.com' }));
    await expect(byUsername).rejects.toBeInstanceOf(Conflict);
    await expect(byUsername).rejects.toThrow('Unable to create user.');
    const byEmail = createUser(s, createInput({ username: 'other', email: 'ADA@EXAMPLE.COM' }));
    await expect(byEmail).rejects.toThrow('Unable to create user.');
    expect(await getUsersNumber(s.db)).toBe(1);
  });

  it('never returns the password hash or MFA secret from user queries', async () => {
    const user = await createUser(s, createInput());
    const read = await getUserById(s.db, user.id);
    expect(read).not.toHaveProperty('passwordHash');
    expect(read).not.toHaveProperty('mfaSecret');
    expect(Object.keys((await getAllUsers(s.db))[0] ?? {})).not.toContain('passwordHash');
  });

  it('paginates ordered by username with exact totals', async () => {
    for (const name of ['carol', 'alice', 'eve', 'bob', 'dave']) {
      await createUser(s, createInput({ username: name, email: `${name}@example.com` }));
    }
    const page1 = await getUsersWithPagination(s.db, { pageNumber: 1, numRecords: 2 });
    const page3 = await getUsersWithPagination(s.db, { pageNumber: 3, numRecords: 2 });
    const page4 = await getUsersWithPagination(s.db, { pageNumber: 4, numRecords: 2 });
    expect(page1.map((u) => u.username)).toEqual(['alice', 'bob']);
    expect(page3.map((u) => u.username)).toEqual(['eve']);
    expect(page4).toEqual([]);
    expect(await getUsersNumber(s.db)).toBe(5);
  });

  it('searches a substring of username, name or email with LIKE wildcards taken literally', async () => {
    await createUser(
      s,
      createInput({ username: 'john.doe', email: 'jd@example.com', name: 'John Doe' }),
    );
    await createUser(
      s,
      createInput({ username: 'jane', email: 'jane_x@example.com', name: '100% Jane' }),
    );
    await createUser(
      s,
      createInput({ username: 'janex', email: 'janeyx@example.com', name: 'Jane X' }),
    );
    const find = async (search: string) =>
      (await getUsersWithPagination(s.db, { pageNumber: 1, numRecords: 10, search })).map(
        (u) => u.username,
      );
    expect(await find('DOE')).toEqual(['john.doe']);
    expect(await find('jane_')).toEqual(['jane']);
    expect(await find('100%')).toEqual(['jane']);
    expect(await find('%')).toEqual(['jane']);
    expect(await find('_')).toEqual(['jane']);
    expect(await find('john doe')).toEqual(['john.doe']);
    expect(await find('n.d')).toEqual(['john.doe']);
    expect(await getUsersNumber(s.db, { search: 'jane' })).toBe(2);
  });

  it('filters pending, unverified, inactive and admins', async () => {
    await createUser(
      s,
      createInput({ username: 'root', email: 'root@example.com', accessType: 'admin' }),
    );
    await createUser(
      s,
      createInput({
        username: 'pend',
        email: 'p@example.com',
        pendingAdminApproval: true,
        active: false,
      }),
    );
    await createUser(
      s,
      createInput({ username: 'unver', email: 'u@example.com', emailVerified: false }),
    );
    const names = async (filter: 'pending_approval' | 'unverified' | 'inactive' | 'admins') =>
      (await getUsersWithPagination(s.db, { pageNumber: 1, numRecords: 10, filter })).map(
        (u) => u.username,
      );
    expect(await names('pending_approval')).toEqual(['pend']);
    expect(await names('unverified')).toEqual(['unver']);
    expect(await names('inactive')).toEqual(['pend']);
    expect(await names('admins')).toEqual(['root']);
    expect((await getUsersAdmin(s.db)).map((u) => u.username)).toEqual(['root']);
    expect(await getUsersNumber(s.db, { filter: 'admins' })).toBe(1);
  });

  it('getUserByIdOr404 and getAdminUsersOr404 raise not-found errors', async () => {
    await expect(getUserByIdOr404(s.db, 999)).rejects.toBeInstanceOf(UserNotFound);
    await expect(getAdminUsersOr404(s.db)).rejects.toBeInstanceOf(NotFound);
  });

  describe('createSignupUser follows the sign-up settings', () => {
    const signup = UsersSignup.parse({
      name: 'Sam',
      username: 'Sam',
      email: 'sam@example.com',
      password: GOOD_PASSWORD,
    });
    it.each([
      [true, true, { active: false, emailVerified: false, pendingAdminApproval: true }],
      [true, false, { active: false, emailVerified: false, pendingAdminApproval: false }],
      [false, true, { active: false, emailVerified: false, pendingAdminApproval: true }],
      [false, false, { active: true, emailVerified: true, pendingAdminApproval: false }],
    ])('verification %s, approval %s', async (verify, approve, expected) => {
      const settings = {
        ...(await getServerSettings(s.db)),
        signupRequireEmailVerification: verify,
        signupRequireAdminApproval: approve,
      };
      const user = await createSignupUser(s, signup, settings);
      expect(user).toMatchObject({ ...expected, accessType: 'regular', username: 'sam' });
    });
  });

  it('approveUser refuses an unverified email when verification is required, and approves otherwise', async () => {
    const settings = await getServerSettings(s.db);
    const user = await createSignupUser(
      s,
      UsersSignup.parse({
        name: 'P',
        username: 'p',
        email: 'p@example.com',
        password: GOOD_PASSWORD,
      }),
      settings,
    );
    await expect(approveUser(s, user.id, { requireVerifiedEmail: true })).rejects.toBeInstanceOf(
      InvalidInput,
    );
    // Approval-only servers: the original left these users stuck; Roster approves them.
    const approved = await approveUser(s, user.id, { requireVerifiedEmail: false });
    expect(approved).toMatchObject({ active: true, pendingAdminApproval: false });
    await expect(approveUser(s, user.id, { requireVerifiedEmail: false })).rejects.toThrow(
      'not waiting for approval',
    );
  });

  it('verifyUserEmail activates a sign-up that waits for no approval', async () => {
    const settings = { ...(await getServerSettings(s.db)), signupRequireAdminApproval: false };
    const user = await createSignupUser(
      s,
      UsersSignup.parse({
        name: 'V',
        username: 'v',
        email: 'v@example.com',
        password: GOOD_PASSWORD,
      }),
      settings,
    );
    expect(() => {
      checkUserIsActive(user);
    }).toThrow(AccountBlocked);
    const verified = await verifyUserEmail(s, user.id);
    expect(verified).toMatchObject({ emailVerified: true, active: true });
  });

  it('enforces the password policy for the access type', async () => {
    await expect(
      createUser(s, createInput({ password: 'Short-1a', accessType: 'admin' })),
    ).rejects.toBeInstanceOf(PolicyViolation);
    await expect(createUser(s, createInput({ password: 'alllowercase' }))).rejects.toThrow(
      'an uppercase letter, a digit and a symbol',
    );
    await s.settings({ passwordType: 'length_only' });
    const user = await createUser(s, createInput({ password: 'alllowercase' }));
    await expect(editUserPassword(s, user.id, 'short', { end: 'all' })).rejects.toThrow(
      'at least 8 characters',
    );
    await editUserPassword(s, user.id, 'long enough now', { end: 'all' });
    const credentials = await getUserCredentials(s.db, 'ada');
    expect(await s.hasher.verify('long enough now', credentials?.passwordHash ?? '')).toBe(true);
  });

  it('keeps the last active admin: no demotion, deactivation or deletion', async () => {
    const admin = await createUser(
      s,
      createInput({ username: 'root', email: 'root@example.com', accessType: 'admin' }),
    );
    await expect(editUser(s, admin.id, { accessType: 'regular' })).rejects.toBeInstanceOf(
      LastAdmin,
    );
    await expect(editUser(s, admin.id, { active: false })).rejects.toBeInstanceOf(LastAdmin);
    await expect(deleteUser(s, admin.id)).rejects.toBeInstanceOf(LastAdmin);
    const second = await createUser(
      s,
      createInput({ username: 'root2', email: 'root2@example.com', accessType: 'admin' }),
    );
    await editUser(s, admin.id, { accessType: 'regular' });
    await expect(deleteUser(s, second.id)).rejects.toBeInstanceOf(LastAdmin);
  });

  it('keeps one active admin when two are demoted, deactivated or deleted at the same moment', async () => {
    for (let round = 0; round < 5; round += 1) {
      const [first, second] = await Promise.all(
        [1, 2].map((n) =>
          createUser(
            s,
            createInput({
              username: `race${round}x${n}`,
              email: `race${round}x${n}@example.com`,
              accessType: 'admin',
            }),
          ),
        ),
      );
      if (!first || !second) throw new Error('admins not created');
      const removals = [
        () => editUser(s, first.id, { accessType: 'regular' }),
        () => editUser(s, first.id, { active: false }),
        () => deleteUser(s, first.id),
      ];
      const removeFirst = removals[round % removals.length] ?? removals[0];
      if (!removeFirst) throw new Error('no removal');
      const outcomes = await Promise.allSettled([
        removeFirst(),
        editUser(s, second.id, { accessType: 'regular' }),
      ]);
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      const refused = outcomes.find((outcome) => outcome.status === 'rejected');
      expect(refused?.reason).toBeInstanceOf(LastAdmin);
      expect(await countActiveAdmins(s.db)).toBe(1);
      // Back to no admin at all for the next round.
      await s.db.deleteFrom('users').execute();
    }
  });

  it('editUser names the taken field and changes nothing', async () => {
    await createUser(s, createInput());
    const bob = await createUser(s, createInput({ username: 'bob', email: 'bob@example.com' }));
    await expect(editUser(s, bob.id, { username: 'ada', city: 'Paris' })).rejects.toMatchObject({
      kind: 'CONFLICT',
      field: 'username',
    });
    expect((await getUserById(s.db, bob.id))?.city).toBeNull();
  });

  it('deleteUser removes the user, their rows and their photo file', async () => {
    const user = await createUser(s, createInput());
    fs.mkdirSync(s.photosDir, { recursive: true });
    fs.writeFileSync(path.join(s.photosDir, 'abc.webp'), 'x');
    await updateUserPhoto(s, user.id, 'abc.webp');
    await deleteUser(s, user.id);
    expect(await getUserById(s.db, user.id)).toBeNull();
    expect(fs.existsSync(path.join(s.photosDir, 'abc.webp'))).toBe(false);
    const privacyRows = await s.db.selectFrom('userPrivacySettings').selectAll().execute();
    expect(privacyRows).toEqual([]);
    await expect(deleteUser(s, user.id)).rejects.toBeInstanceOf(UserNotFound);
  });
});
