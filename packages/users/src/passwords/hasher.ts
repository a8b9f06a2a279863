import crypto from 'node:crypto';
import os from 'node:os';
import { Busy } from '../errors';
import { type BcryptPool, createBcryptPool } from './bcrypt-pool';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, hash: string): Promise<boolean>;
  /**
   * Spends the same time as a real verification, for unknown users, so that response time does not
   * tell whether an account exists.
   */
  verifyDummy(password: string): Promise<void>;
  /** Stops the hashing threads. */
  close(): Promise<void>;
}

/**
 * bcrypt reads only the first 72 bytes of its input. Roster uses passwords in full: the password is
 * first reduced with HMAC-SHA-256 (fixed, public key: domain separation, not a pepper) to 44 base64
 * characters, so two passwords that share 72 bytes still hash differently, and NUL bytes never
 * reach bcrypt.
 */
function preHash(password: string): string {
  return crypto
    .createHmac('sha256', 'roster-password-v1')
    .update(password, 'utf8')
    .digest('base64');
}

export interface HasherOptions {
  cost: number;
  /**
   * How many hashes run at once, each on its own low-priority worker thread. 0 (the default)
   * uses every core: the lower priority keeps the event loop responsive.
   */
  concurrency?: number;
  /**
   * How many more may wait for a thread. Beyond that a hash is refused at once with Busy
   * (TOO_MANY_REQUESTS and Retry-After) instead of queueing without limit.
   */
  maxQueue?: number;
}

/** A queue of 64 waits about 8 s at cost 12 on two cores: longer than that, a client gives up. */
export const DEFAULT_HASH_QUEUE = 64;

/**
 * Runs at most `concurrency` tasks at once and lets at most `maxQueue` more wait; any task beyond
 * that fails at once with Busy, so no client can queue CPU work without limit.
 */
export function createWorkLimiter(options: { concurrency: number; maxQueue: number }) {
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  };
  return async function limit<T>(task: () => Promise<T>): Promise<T> {
    if (running < options.concurrency) {
      running += 1;
    } else {
      if (waiting.length >= options.maxQueue) throw new Busy();
      // The slot is handed over by `release`: `running` stays as it is.
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
    try {
      return await task();
    } finally {
      release();
    }
  };
}

/** Bounds any hasher (tests wrap a slow fake one) with a work limiter. */
export function limitHasher(
  inner: Pick<PasswordHasher, 'hash' | 'verify'> & Partial<Pick<PasswordHasher, 'close'>>,
  options: { concurrency: number; maxQueue: number },
): PasswordHasher {
  const limit = createWorkLimiter(options);
  let dummyHash: Promise<string> | undefined;
  const hash = (password: string) => limit(() => inner.hash(password));
  const verify = (password: string, stored: string) => limit(() => inner.verify(password, stored));
  return {
    hash,
    verify,
    async verifyDummy(password) {
      dummyHash ??= inner.hash(crypto.randomBytes(16).toString('hex'));
      await verify(password, await dummyHash);
    },
    close: async () => {
      await inner.close?.();
    },
  };
}

export function defaultHashConcurrency(): number {
  return os.availableParallelism();
}

export function createBcryptHasher(options: HasherOptions): PasswordHasher {
  const size =
    options.concurrency === undefined || options.concurrency === 0
      ? defaultHashConcurrency()
      : options.concurrency;
  let pool: BcryptPool | undefined;
  // Threads start on first use, so that importing this module (or a build) starts none.
  const workers = () => (pool ??= createBcryptPool(size));
  return limitHasher(
    {
      hash: (password) => workers().hash(preHash(password), options.cost),
      async verify(password, stored) {
        try {
          return await workers().verify(preHash(password), stored);
        } catch {
          // A malformed stored hash never matches.
          return false;
        }
      },
      async close() {
        await pool?.close();
        pool = undefined;
      },
    },
    { concurrency: size, maxQueue: options.maxQueue ?? DEFAULT_HASH_QUEUE },
  );
}
