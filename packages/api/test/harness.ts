import { createTestServices, type TestServices, GOOD_PASSWORD } from '@roster/users/testing';
import {
  createUser,
  type Dialect,
  DomainError,
  type Language,
  ROSTER_CODES,
  type RosterCode,
  UsersCreate,
  type UsersCreateInput,
  type UsersRead,
} from '@roster/users';
import { TRPCError } from '@trpc/server';
import { parse as parseSetCookie } from 'cookie';
import { expect } from 'vitest';
import { ZodError } from 'zod';
import { createContextInner } from '../src/context';
import { appRouter } from '../src/root';
import { createCallerFactory, rosterCodeOf } from '../src/trpc';

const createCaller = createCallerFactory(appRouter);

/**
 * A pretend browser: keeps the cookies the server sets and sends them back, like a real one, and
 * records response headers. Several browsers can talk to one set of services.
 */
export class Browser {
  readonly cookies = new Map<string, string>();
  readonly setCookies: string[] = [];
  readonly headers = new Map<string, string>();
  origin: string | null = null;
  /** The Authorization header the browser (or a script) sends: `Bearer rst_…` for an API key. */
  authorization: string | null = null;
  /** The language the browser's requests ask for (its cookie or Accept-Language). */
  language: Language | undefined = undefined;

  constructor(
    readonly s: TestServices,
    readonly ip = '203.0.113.10',
    readonly userAgent = 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156 Test',
  ) {}

  get api() {
    const cookieHeader = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const jarCookies = new Map(Object.entries(parseSetCookie(cookieHeader)));
    const ctx = createContextInner({
      services: this.s,
      meta: {
        ip: this.ip,
        userAgent: this.userAgent,
        ...(this.language ? { language: this.language } : {}),
      },
      origin: this.origin,
      authorization: this.authorization,
      secure: false,
      setHeader: (name, value) => {
        this.headers.set(name.toLowerCase(), value);
      },
      cookies: {
        get: (name) => jarCookies.get(name),
        set: (name, value) => {
          this.setCookies.push(`${name}=${value}`);
          this.cookies.set(name, value);
          jarCookies.set(name, value);
        },
        clear: (name) => {
          this.setCookies.push(`${name}=; Max-Age=0`);
          this.cookies.delete(name);
          jarCookies.delete(name);
        },
      },
    });
    return createCaller(ctx);
  }

  async signIn(username: string, password = GOOD_PASSWORD) {
    const result = await this.api.auth.login({ username, password });
    expect(result.status).toBe('authenticated');
    return result;
  }
}

export interface Harness {
  s: TestServices;
  browser(ip?: string): Browser;
  /** A script calling with this API key (no cookies). */
  script(key: string, ip?: string): Browser;
  createUser(overrides?: Partial<UsersCreateInput>): Promise<UsersRead>;
  /** A signed-in browser of a new user. */
  signedIn(overrides?: Partial<UsersCreateInput>): Promise<{ browser: Browser; user: UsersRead }>;
  destroy(): Promise<void>;
}

let counter = 0;

export async function createHarness(dialect: Dialect = 'sqlite'): Promise<Harness> {
  const s = await createTestServices(dialect);
  const harness: Harness = {
    s,
    browser: (ip) => new Browser(s, ip),
    script(key, ip) {
      const script = new Browser(s, ip, 'roster-script/1.0');
      script.authorization = `Bearer ${key}`;
      return script;
    },
    async createUser(overrides = {}) {
      counter += 1;
      return createUser(
        s,
        UsersCreate.parse({
          name: `User ${counter}`,
          username: `user${counter}`,
          email: `user${counter}@example.com`,
          password: GOOD_PASSWORD,
          ...overrides,
        }),
      );
    },
    async signedIn(overrides = {}) {
      const user = await harness.createUser(overrides);
      const browser = new Browser(s);
      await browser.signIn(user.username);
      return { browser, user };
    },
    destroy: () => s.destroy(),
  };
  return harness;
}

/** Asserts that a call fails with this tRPC code, and returns the error for more checks. */
export async function expectCode(
  promise: Promise<unknown>,
  code: TRPCError['code'],
): Promise<TRPCError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe(code);
    return error as TRPCError;
  }
  throw new Error(`expected ${code}, but the call succeeded`);
}

export { GOOD_PASSWORD };

/**
 * Asserts that a call fails with this stable `rosterCode` (the one the API answers with, and its
 * tRPC code), returning the error.
 */
export async function expectRosterCode(
  promise: Promise<unknown>,
  rosterCode: RosterCode,
): Promise<TRPCError> {
  const error = await expectCode(promise, ROSTER_CODES[rosterCode]);
  expect(rosterCodeOf(error)).toBe(rosterCode);
  return error;
}

/** The input field an error is about: a domain error's, or the first validation issue's. */
export function fieldOf(error: TRPCError): string | undefined {
  return error.cause instanceof DomainError ? error.cause.field : issueField(error);
}

/** The input field a validation error is about (unknown keys count as their key). */
export function issueField(error: TRPCError): string | undefined {
  if (!(error.cause instanceof ZodError)) return undefined;
  const [issue] = error.cause.issues;
  if (issue?.code === 'unrecognized_keys') return issue.keys[0];
  return issue?.path.join('.');
}

/**
 * `count` API keys of a user straight into the table (through the API each would take a
 * step-up): for the tests of the bound on keys per account.
 */
export async function fillApiKeys(s: TestServices, userId: number, count: number): Promise<void> {
  const now = s.clock.now();
  await s.db
    .insertInto('apiKeys')
    .values(
      Array.from({ length: count }, (_, i) => ({
        userId,
        name: `Old ${String(i)}`,
        prefix: `rst_old${String(i).padStart(5, '0')}`,
        keyHash: `${String(userId)}-${String(i)}`.padStart(64, '0'),
        scopes: 'me:read',
        createdAt: now,
        lastUsedAt: null,
        expiresAt: null,
      })),
    )
    .execute();
}

/** `count` passkeys of a user straight into the table (each through the API takes a ceremony). */
export async function fillPasskeys(s: TestServices, userId: number, count: number): Promise<void> {
  const now = s.clock.now();
  await s.db
    .insertInto('passkeys')
    .values(
      Array.from({ length: count }, (_, i) => ({
        userId,
        credentialId: `old-${String(userId)}-${String(i)}`,
        publicKey: 'AAAA',
        counter: 0,
        transports: null,
        deviceType: 'singleDevice',
        backedUp: false,
        name: `Old ${String(i)}`,
        createdAt: now,
        lastUsedAt: null,
      })),
    )
    .execute();
}

/** The rosterCode of each call, or 'OK': for calls sent at once. */
export async function settledCodes(calls: Promise<unknown>[]): Promise<string[]> {
  const results = await Promise.allSettled(calls);
  return results.map((result) =>
    result.status === 'fulfilled' ? 'OK' : rosterCodeOf(result.reason as TRPCError),
  );
}

/** How many security events of this kind were logged. */
export async function eventCount(s: TestServices, event: string): Promise<number> {
  const rows = await s.db
    .selectFrom('securityEvents')
    .select('id')
    .where('event', '=', event)
    .execute();
  return rows.length;
}
