import crypto from 'node:crypto';
import os from 'node:os';
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
  let dummyHash: Promise<string> | undefined;

  const hash = (password: string) => workers().hash(preHash(password), options.cost);
  const verify = async (password: string, stored: string) => {
    try {
      return await workers().verify(preHash(password), stored);
    } catch {
      // A malformed stored hash never matches.
      return false;
    }
  };

  return {
    hash,
    verify,
    async verifyDummy(password) {
      dummyHash ??= hash(crypto.randomBytes(16).toString('hex'));
      await verify(password, await dummyHash);
    },
    async close() {
      await pool?.close();
      pool = undefined;
    },
  };
}
