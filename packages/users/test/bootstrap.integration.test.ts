import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  bootstrapFirstAdmin,
  completeSetup,
  getUsersAdmin,
  isSetupPending,
  UsersCreate,
  validateSession,
} from '../src/index';
import { createTestServices, DIALECTS, GOOD_PASSWORD, type TestServices } from '../src/testing';

const meta = { ip: '198.51.100.1', userAgent: 'test' };
const adminInput = (code: string) => ({
  code,
  ...UsersCreate.parse({
    name: 'First Admin',
    username: 'first',
    email: 'first@example.com',
    password: 'Admin-Password-1!',
    accessType: 'admin',
  }),
});

describe.each(DIALECTS)('first administrator on %s', (dialect) => {
  let s: TestServices;
  beforeEach(async () => {
    s = await createTestServices(dialect);
  });
  afterEach(async () => {
    await s.destroy();
  });

  it('creates the INITIAL_ADMIN_* admin when there is none, once', async () => {
    const env = { username: 'Root', email: 'Root@Example.org', password: 'Admin-Password-1!' };
    expect(await bootstrapFirstAdmin(s, env)).toEqual({ kind: 'admin_created', username: 'root' });
    expect(await bootstrapFirstAdmin(s, env)).toEqual({ kind: 'admin_exists' });
    const admins = await getUsersAdmin(s.db);
    expect(admins).toHaveLength(1);
    expect(admins[0]).toMatchObject({
      username: 'root',
      email: 'root@example.org',
      active: true,
      emailVerified: true,
    });
  });

  it('stops with a message naming the variable when INITIAL_ADMIN_* is not acceptable', async () => {
    await expect(
      bootstrapFirstAdmin(s, {
        username: 'root',
        email: 'root@example.org',
        password: GOOD_PASSWORD.slice(0, 9),
      }),
    ).rejects.toThrow(/INITIAL_ADMIN_PASSWORD/);
    await expect(
      bootstrapFirstAdmin(s, {
        username: 'bad name',
        email: 'root@example.org',
        password: 'Admin-Password-1!',
      }),
    ).rejects.toThrow(/INITIAL_ADMIN_USERNAME/);
  });

  it('issues a setup code that creates the first admin once and signs them in', async () => {
    const outcome = await bootstrapFirstAdmin(s, null);
    if (outcome.kind !== 'setup_code') throw new Error(`unexpected ${outcome.kind}`);
    expect(outcome.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(await isSetupPending(s)).toBe(true);

    await expect(completeSetup(s, meta, adminInput('AAAA-BBBB-CCCC'))).rejects.toMatchObject({
      kind: 'BAD_REQUEST',
      field: 'code',
    });
    // Codes are forgiving about case and dashes.
    const { user, session } = await completeSetup(
      s,
      meta,
      adminInput(outcome.code.toLowerCase().replace(/-/g, ' ')),
    );
    expect(user).toMatchObject({ accessType: 'admin', username: 'first' });
    expect((await validateSession(s, session.token))?.user.id).toBe(user.id);
    expect(await isSetupPending(s)).toBe(false);
    await expect(completeSetup(s, meta, adminInput(outcome.code))).rejects.toMatchObject({
      kind: 'FORBIDDEN',
    });
  });

  it('issues no setup code once users exist', async () => {
    await bootstrapFirstAdmin(s, {
      username: 'root',
      email: 'root@example.org',
      password: 'Admin-Password-1!',
    });
    expect(await bootstrapFirstAdmin(s, null)).toEqual({ kind: 'admin_exists' });
    expect(await isSetupPending(s)).toBe(false);
  });
});
