import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countUsersByFilter,
  createUser,
  deleteUser,
  editUser,
  listUsers,
  type UsersListFilter,
  UsersCreate,
} from '../src/index';
import {
  createTestServices,
  DIALECTS,
  GOOD_PASSWORD,
  seededUser,
  seedUsers,
  type TestServices,
} from '../src/testing';

const SEEDED = 1001;

interface Expected {
  username: string;
  name: string;
  email: string;
  accessType: string;
  active: boolean;
  emailVerified: boolean;
  pendingAdminApproval: boolean;
}

/** Byte order, which is what both databases use for these lowercase ASCII usernames. */
const byUsername = (a: Expected, b: Expected) =>
  a.username < b.username ? -1 : a.username > b.username ? 1 : 0;

const FILTERS: Record<UsersListFilter, (user: Expected) => boolean> = {
  all: () => true,
  pending_approval: (user) => user.pendingAdminApproval,
  unverified: (user) => !user.emailVerified,
  inactive: (user) => !user.active,
  admins: (user) => user.accessType === 'admin',
};

function matches(user: Expected, search: string): boolean {
  const term = search.trim().toLowerCase();
  return (
    user.username.includes(term) ||
    user.name.toLowerCase().includes(term) ||
    user.email.includes(term)
  );
}

describe.each(DIALECTS)('the admin list on %s', (dialect) => {
  let s: TestServices;
  // Everyone in the database, computed independently of the queries under test.
  let everyone: Expected[];

  beforeAll(async () => {
    s = await createTestServices(dialect);
    await seedUsers(s.db, { count: SEEDED, passwordHash: 'not-a-real-hash', now: s.clock.now() });
    everyone = Array.from({ length: SEEDED }, (_, n) => {
      const row = seededUser(n, '', 0);
      return {
        username: row.username,
        name: row.name,
        email: row.email,
        accessType: row.accessType,
        active: Boolean(row.active),
        emailVerified: Boolean(row.emailVerified),
        pendingAdminApproval: Boolean(row.pendingAdminApproval),
      };
    });
    // People whose details hold the characters LIKE treats as wildcards, and the escape character.
    const awkward = [
      { name: '100% Sure', username: 'percent', email: 'percent@example.com' },
      { name: 'Under Score', username: 'underscore', email: 'under_score@example.com' },
      { name: 'Under Xcore', username: 'underxcore', email: 'underxscore@example.com' },
      { name: 'Back\\Slash', username: 'backslash', email: 'backslash@example.com' },
    ];
    for (const person of awkward) {
      await createUser(s, UsersCreate.parse({ ...person, password: GOOD_PASSWORD }));
      everyone.push({
        ...person,
        accessType: 'regular',
        active: true,
        emailVerified: true,
        pendingAdminApproval: false,
      });
    }
    everyone.sort(byUsername);
  });
  afterAll(async () => {
    await s.destroy();
  });

  const usernames = (users: { username: string }[]) => users.map((user) => user.username);
  const total = SEEDED + 4;

  it('pages are exact at every boundary, ordered by username', async () => {
    const pageSize = 25;
    const lastPage = Math.ceil(total / pageSize);
    for (const pageNumber of [1, 2, lastPage - 1, lastPage, lastPage + 1]) {
      const page = await listUsers(s, { pageNumber, numRecords: pageSize });
      const expected = everyone.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
      expect(usernames(page.records)).toEqual(usernames(expected));
      expect(page).toMatchObject({ total, pageNumber, numRecords: expected.length });
    }
    // The last page holds what is left over: 1005 = 40 × 25 + 5.
    expect((await listUsers(s, { pageNumber: lastPage, numRecords: pageSize })).numRecords).toBe(5);
  });

  it('a page of one and a page of a hundred line up with the whole list', async () => {
    const last = await listUsers(s, { pageNumber: total, numRecords: 1 });
    expect(usernames(last.records)).toEqual([everyone.at(-1)?.username]);
    expect((await listUsers(s, { pageNumber: total + 1, numRecords: 1 })).records).toEqual([]);
    const hundred = await listUsers(s, { pageNumber: 11, numRecords: 100 });
    expect(usernames(hundred.records)).toEqual(usernames(everyone.slice(1000)));
  });

  it('takes the page size from the server settings when none is asked for', async () => {
    await s.settings({ numRecordsPerPage: 7 });
    const page = await listUsers(s, { pageNumber: 2 });
    expect(usernames(page.records)).toEqual(usernames(everyone.slice(7, 14)));
    await s.settings({ numRecordsPerPage: 25 });
  });

  it.each(Object.keys(FILTERS) as UsersListFilter[])(
    'filter %s: exact totals, first and last pages',
    async (filter) => {
      const expected = everyone.filter(FILTERS[filter]);
      expect(expected.length).toBeGreaterThan(0);
      const pageSize = 3;
      const lastPage = Math.ceil(expected.length / pageSize);
      for (const pageNumber of [1, lastPage, lastPage + 1]) {
        const page = await listUsers(s, { pageNumber, numRecords: pageSize, filter });
        expect(page.total).toBe(expected.length);
        expect(usernames(page.records)).toEqual(
          usernames(expected.slice((pageNumber - 1) * pageSize, pageNumber * pageSize)),
        );
      }
    },
  );

  it('searches a substring of username, name or email in any case', async () => {
    for (const search of [
      'HOPPER',
      'grace hop',
      '.lee1',
      'ace.hopper14',
      '  turing7  ',
      'lisbon',
    ]) {
      const expected = everyone.filter((user) => matches(user, search));
      const page = await listUsers(s, { pageNumber: 1, numRecords: 100, search });
      expect(page.total, search).toBe(expected.length);
      expect(usernames(page.records), search).toEqual(usernames(expected.slice(0, 100)));
    }
  });

  it('takes %, _ and \\ literally', async () => {
    const find = async (search: string) =>
      usernames((await listUsers(s, { pageNumber: 1, numRecords: 100, search })).records);
    expect(await find('%')).toEqual(['percent']);
    expect(await find('100%')).toEqual(['percent']);
    expect(await find('_')).toEqual(['underscore']);
    expect(await find('under_s')).toEqual(['underscore']);
    expect(await find('\\')).toEqual(['backslash']);
    expect(await find('k\\s')).toEqual(['backslash']);
    expect(await find('%%')).toEqual([]);
    expect(await find('a%e')).toEqual([]);
  });

  it('combines a search with a filter, and counts each tab for that search', async () => {
    // Every 200th seeded user from the 7th is pending; some of them are called Backus.
    const search = 'backus';
    const expected = everyone.filter(
      (user) => matches(user, search) && FILTERS.pending_approval(user),
    );
    expect(expected.length).toBeGreaterThan(0);
    const page = await listUsers(s, {
      pageNumber: 1,
      numRecords: 100,
      search,
      filter: 'pending_approval',
    });
    expect(usernames(page.records)).toEqual(usernames(expected));

    const counts = await countUsersByFilter(s, search);
    for (const filter of Object.keys(FILTERS) as UsersListFilter[]) {
      expect(counts[filter], filter).toBe(
        everyone.filter((user) => matches(user, search) && FILTERS[filter](user)).length,
      );
    }
    expect((await countUsersByFilter(s)).all).toBe(total);
  });
});

describe.each(DIALECTS)('the tab counts on %s stay exact through every write', (dialect) => {
  let s: TestServices;
  beforeAll(async () => {
    s = await createTestServices(dialect);
  });
  afterAll(async () => {
    await s.destroy();
  });

  /** The counts as a full scan finds them, to compare with the kept ones. */
  async function scanned() {
    const rows = await s.db
      .selectFrom('users')
      .select(['accessType', 'active', 'emailVerified', 'pendingAdminApproval'])
      .execute();
    const users = rows.map((row) => ({
      accessType: row.accessType,
      active: Boolean(row.active),
      emailVerified: Boolean(row.emailVerified),
      pendingAdminApproval: Boolean(row.pendingAdminApproval),
    }));
    return Object.fromEntries(
      (Object.keys(FILTERS) as UsersListFilter[]).map((filter) => [
        filter,
        users.filter((user) => FILTERS[filter]({ ...user, username: '', name: '', email: '' }))
          .length,
      ]),
    );
  }

  it('inserts, updates of every counted column, deletes, many at once', async () => {
    await seedUsers(s.db, { count: 450, passwordHash: 'x', now: s.clock.now() });
    expect(await countUsersByFilter(s)).toEqual(await scanned());
    const ids = (await s.db.selectFrom('users').select('id').orderBy('id').execute()).map(
      (row) => row.id,
    );
    // Some are refused (the seeded admin is the last one): the counts hold either way.
    await Promise.allSettled([
      ...ids.slice(0, 40).map((id) => editUser(s, id, { active: false })),
      ...ids.slice(40, 80).map((id) => editUser(s, id, { emailVerified: false })),
      ...ids.slice(80, 120).map((id) => editUser(s, id, { pendingAdminApproval: true })),
      ...ids.slice(120, 130).map((id) => editUser(s, id, { accessType: 'admin' })),
      ...ids.slice(130, 170).map((id) => editUser(s, id, { city: 'Porto' })),
      ...ids.slice(170, 220).map((id) => deleteUser(s, id)),
      ...Array.from({ length: 30 }, (_, n) =>
        createUser(
          s,
          UsersCreate.parse({
            name: `Counted ${n}`,
            username: `counted${n}`,
            email: `counted${n}@example.com`,
            password: GOOD_PASSWORD,
            active: n % 2 === 0,
            emailVerified: n % 3 === 0,
          }),
        ),
      ),
    ]);
    expect(await countUsersByFilter(s)).toEqual(await scanned());
    await s.db.updateTable('users').set({ active: true, emailVerified: true }).execute();
    expect(await countUsersByFilter(s)).toEqual(await scanned());
    expect((await listUsers(s, { pageNumber: 1, filter: 'inactive' })).total).toBe(0);
  });
});
