import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createSession,
  createUser,
  DAY,
  deleteExpiredSessions,
  deleteUserSessions,
  listUserSessions,
  MINUTE,
  UsersCreate,
  validateSession,
} from '../src/index';
import { createTestServices, DIALECTS, GOOD_PASSWORD, type TestServices } from '../src/testing';
import { hashToken } from '../src/util/tokens';

describe.each(DIALECTS)('sessions on %s', (dialect) => {
  let s: TestServices;
  let userId: number;
  const meta = { ip: '192.0.2.1', userAgent: 'Firefox' };

  beforeEach(async () => {
    s = await createTestServices(dialect);
    userId = (
      await createUser(
        s,
        UsersCreate.parse({
          name: 'S',
          username: 's',
          email: 's@example.com',
          password: GOOD_PASSWORD,
        }),
      )
    ).id;
  });
  afterEach(async () => {
    await s.destroy();
  });

  it('stores only the SHA-256 of a 256-bit token', async () => {
    const session = await createSession(s, userId, meta);
    expect(Buffer.from(session.token, 'base64url')).toHaveLength(32);
    const rows = await s.db.selectFrom('sessions').select(['id', 'tokenHash']).execute();
    expect(rows).toEqual([{ id: session.id, tokenHash: hashToken(session.token) }]);
    expect(JSON.stringify(rows)).not.toContain(session.token);
  });

  it('ends after the idle timeout, and activity pushes the timeout back', async () => {
    const session = await createSession(s, userId, meta);
    s.clock.advance(6 * DAY);
    expect(await validateSession(s, session.token)).not.toBeNull();
    s.clock.advance(6 * DAY);
    expect(await validateSession(s, session.token)).not.toBeNull();
    s.clock.advance(7 * DAY + MINUTE);
    expect(await validateSession(s, session.token)).toBeNull();
    expect(await s.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
  });

  it('ends at the absolute lifetime however much it is used', async () => {
    const session = await createSession(s, userId, meta);
    for (let day = 0; day < 29; day += 1) {
      s.clock.advance(DAY);
      expect(await validateSession(s, session.token)).not.toBeNull();
    }
    s.clock.advance(DAY);
    expect(await validateSession(s, session.token)).toBeNull();
  });

  it('lists sessions with the current one marked, and revokes others', async () => {
    const first = await createSession(s, userId, meta);
    s.clock.advance(MINUTE);
    const second = await createSession(s, userId, {
      ip: '192.0.2.2',
      userAgent: 'Safari',
    });
    const list = await listUserSessions(s, userId, first.id);
    expect(list.map((item) => [item.id, item.current, item.userAgent])).toEqual([
      [second.id, false, 'Safari'],
      [first.id, true, 'Firefox'],
    ]);
    expect(list[0]?.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);
    expect(await deleteUserSessions(s.db, userId, first.id)).toBe(1);
    expect(await validateSession(s, second.token)).toBeNull();
    expect(await validateSession(s, first.token)).not.toBeNull();
  });

  it('clean-up removes expired rows only', async () => {
    const old = await createSession(s, userId, meta);
    s.clock.advance(8 * DAY);
    const fresh = await createSession(s, userId, meta);
    expect(await deleteExpiredSessions(s)).toBe(1);
    const ids = (await s.db.selectFrom('sessions').select('id').execute()).map((row) => row.id);
    expect(ids).toEqual([fresh.id]);
    expect(ids).not.toContain(old.id);
  });
});
