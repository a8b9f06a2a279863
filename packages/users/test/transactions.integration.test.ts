import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  approveSignup,
  countPendingMail,
  createSignupUser,
  createUser,
  getServerSettings,
  getUsersNumber,
  signUp,
  UsersCreate,
  UsersSignup,
} from '../src/index';
import { createTestServices, DIALECTS, GOOD_PASSWORD, type TestServices } from '../src/testing';

const applicant = UsersSignup.parse({
  name: 'Half Made',
  username: 'half',
  email: 'half@example.com',
  password: GOOD_PASSWORD,
});

describe.each(DIALECTS)('multi-step writes are all or nothing on %s', (dialect) => {
  let s: TestServices;
  beforeEach(async () => {
    s = await createTestServices(dialect);
  });
  afterEach(async () => {
    await s.destroy();
  });

  it('a failure after the user row leaves no user, no default rows and no email', async () => {
    const settings = await getServerSettings(s.db);
    await expect(
      createSignupUser(s, applicant, settings, async (tx) => {
        await tx.db
          .insertInto('mailOutbox')
          .values({
            recipient: 'half@example.com',
            subject: 'x',
            textBody: 'x',
            htmlBody: 'x',
            createdAt: 0,
            nextAttemptAt: 0,
            lockedUntil: null,
            sentAt: null,
            lastError: null,
          })
          .execute();
        throw new Error('the process died here');
      }),
    ).rejects.toThrow('the process died here');
    expect(await getUsersNumber(s.db)).toBe(0);
    expect(await s.db.selectFrom('userPrivacySettings').selectAll().execute()).toEqual([]);
    expect(await countPendingMail(s.db)).toBe(0);
  });

  it('an approval whose email cannot be queued stays pending', async () => {
    await s.settings({ signupEnabled: true, signupRequireEmailVerification: false });
    const admin = await createUser(
      s,
      UsersCreate.parse({
        name: 'A',
        username: 'a',
        email: 'a@example.com',
        password: 'Admin-Password-1!',
        accessType: 'admin',
      }),
    );
    await signUp(s, { ip: null, userAgent: null }, applicant);
    const pending = await s.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'half')
      .executeTakeFirstOrThrow();
    await s.db.schema.dropTable('mail_outbox').execute();
    await expect(
      approveSignup(s, admin, { ip: null, userAgent: null }, pending.id),
    ).rejects.toThrow();
    const row = await s.db
      .selectFrom('users')
      .select(['active', 'pendingAdminApproval'])
      .where('id', '=', pending.id)
      .executeTakeFirstOrThrow();
    expect(Boolean(row.active)).toBe(false);
    expect(Boolean(row.pendingAdminApproval)).toBe(true);
  });
});
