import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../src/root';
import { type Browser, createHarness, type Harness } from './harness';

/** Everything anyone may call without a session. Adding to this list is a security decision. */
const PUBLIC = new Set([
  'auth.signup',
  'auth.login',
  'auth.verifyMfa',
  'auth.passkeyOptions',
  'auth.passkeyLogin',
  'auth.verifyEmail',
  'auth.resendVerification',
  'auth.requestPasswordReset',
  'auth.resetPassword',
  'auth.confirmEmailChange',
  'serverSettings.getPublic',
  'setup.status',
  'setup.createAdmin',
  'users.publicProfile',
]);

const isAdminOnly = (path: string) =>
  path.startsWith('admin.') || path === 'serverSettings.get' || path === 'serverSettings.update';

const ALL_PATHS = Object.keys(appRouter._def.procedures).sort();

type AnyCall = (input?: unknown) => Promise<unknown>;

/** Calls `path` on a browser's caller with an empty input, returning the error code (or 'OK'). */
async function codeOf(browser: Browser, path: string): Promise<string> {
  let target: unknown = browser.api;
  for (const part of path.split('.')) target = (target as Record<string, unknown>)[part];
  try {
    await (target as AnyCall)(undefined);
    return 'OK';
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

describe('authorization across the whole router', () => {
  let h: Harness;
  let regular: Browser;

  beforeAll(async () => {
    h = await createHarness();
    ({ browser: regular } = await h.signedIn());
  });
  afterAll(async () => {
    await h.destroy();
  });

  it('has procedures to check', () => {
    expect(ALL_PATHS.length).toBeGreaterThan(20);
  });

  it.each(ALL_PATHS.filter((path) => !PUBLIC.has(path)))(
    '%s refuses an anonymous caller with UNAUTHORIZED',
    async (path) => {
      expect(await codeOf(h.browser(), path)).toBe('UNAUTHORIZED');
    },
  );

  it.each(ALL_PATHS.filter(isAdminOnly))(
    '%s refuses a regular user with FORBIDDEN',
    async (path) => {
      expect(await codeOf(regular, path)).toBe('FORBIDDEN');
    },
  );

  it.each(ALL_PATHS.filter((path) => PUBLIC.has(path)))(
    '%s is public: it never asks for a session',
    async (path) => {
      expect(await codeOf(h.browser(), path)).not.toBe('UNAUTHORIZED');
    },
  );

  it('no public procedure is an admin procedure', () => {
    expect([...PUBLIC].filter(isAdminOnly)).toEqual([]);
  });
});
