import { type UsersRead } from '@roster/users';
import { DIALECTS } from '@roster/users/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Browser, createHarness, eventCount, expectRosterCode, type Harness } from './harness';

describe.each(DIALECTS)('admin actions on %s (README › Security)', (dialect) => {
  let h: Harness;
  let admin: Browser;
  let boss: UsersRead;

  beforeEach(async () => {
    h = await createHarness(dialect);
    ({ browser: admin, user: boss } = await h.signedIn({
      username: 'boss',
      email: 'boss@example.com',
      accessType: 'admin',
    }));
  });
  afterEach(async () => {
    await h.destroy();
  });

  describe('the last active admin cannot be removed by any path', () => {
    it('not by marking them pending (then rejecting)', async () => {
      const error = await expectRosterCode(
        admin.api.admin.users.update({ id: boss.id, pendingAdminApproval: true }),
        'LAST_ADMIN',
      );
      expect(error.code).toBe('CONFLICT');
      await expectRosterCode(admin.api.admin.users.reject({ id: boss.id }), 'NOT_PENDING');
      expect((await admin.api.me.get()).accessType).toBe('admin');
    });

    it('not by rejecting an active admin marked pending in the database', async () => {
      await h.s.db
        .updateTable('users')
        .set({ pendingAdminApproval: true })
        .where('id', '=', boss.id)
        .execute();
      await expectRosterCode(admin.api.admin.users.reject({ id: boss.id }), 'LAST_ADMIN');
      expect((await admin.api.me.get()).id).toBe(boss.id);
    });

    it.each([
      ['deactivated', { active: false }],
      ['demoted', { accessType: 'regular' as const }],
    ])('not %s', async (_label, patch) => {
      await expectRosterCode(admin.api.admin.users.update({ id: boss.id, ...patch }), 'LAST_ADMIN');
    });

    it('not deleted', async () => {
      await expectRosterCode(admin.api.admin.users.delete({ id: boss.id }), 'LAST_ADMIN');
    });

    it('two admins stepping down at once leave one', async () => {
      const second = await h.createUser({ username: 'second', accessType: 'admin' });
      const other = h.browser();
      await other.signIn('second');
      const results = await Promise.allSettled([
        admin.api.admin.users.update({ id: boss.id, pendingAdminApproval: true }),
        other.api.admin.users.update({ id: second.id, active: false }),
      ]);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      const admins = await h.s.db
        .selectFrom('users')
        .select('id')
        .where('accessType', '=', 'admin')
        .where('active', '=', true)
        .where('pendingAdminApproval', '=', false)
        .execute();
      expect(admins).toHaveLength(1);
    });
  });

  it('two admins approving one sign-up at once: one approves, one email goes out', async () => {
    const pending = await h.createUser({
      username: 'waiting',
      email: 'waiting@example.com',
      active: false,
      pendingAdminApproval: true,
    });
    await h.createUser({ username: 'helper', accessType: 'admin' });
    const helper = h.browser();
    await helper.signIn('helper');
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 === 0 ? admin : helper).api.admin.users.approve({ id: pending.id }),
      ),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const mails = (await h.s.outbox()).filter((mail) => mail.to === 'waiting@example.com');
    expect(mails.map((mail) => mail.subject)).toEqual(['Your account was approved']);
    expect(await eventCount(h.s, 'admin_user_approved')).toBe(1);
  });

  it("a user's own log shows what an administrator did, without the administrator's IP or device", async () => {
    const { browser: person, user } = await h.signedIn({ username: 'person' });
    await admin.api.admin.users.update({ id: user.id, city: 'Lisbon' });
    await admin.api.admin.users.setPassword({ id: user.id, password: 'Another-Pass-99' });
    const fresh = h.browser('198.51.100.3');
    await fresh.signIn('person', 'Another-Pass-99');
    await expectRosterCode(person.api.me.get(), 'SIGNED_OUT');
    const events = await fresh.api.me.securityEvents();
    const byAdmin = events.filter((event) => event.byAdministrator);
    expect(byAdmin.map((event) => event.event).sort()).toEqual([
      'admin_password_set',
      'admin_user_updated',
    ]);
    for (const event of byAdmin) {
      expect(event).toMatchObject({ ip: null, userAgent: null, device: null, actorId: null });
    }
    // The person's own sign-in keeps its address; the admin's log view keeps the admin's.
    expect(events.find((event) => event.event === 'login_succeeded')?.ip).toBe('198.51.100.3');
    const adminView = await admin.api.admin.securityEvents.list({ userId: user.id });
    expect(adminView.find((event) => event.event === 'admin_password_set')).toMatchObject({
      actorId: boss.id,
      ip: '203.0.113.10',
    });
  });
});
