import crypto from 'node:crypto';
import os from 'node:os';
import { hash as bcryptHash, verify as bcryptVerify } from '@node-rs/bcrypt';
import { Semaphore } from '../util/semaphore';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, hash: string): Promise<boolean>;
  /**
   * Spends the same time as a real verification, for unknown users, so that response time does not
   * tell whether an account exists.
   */
  verifyDummy(password: string): Promise<void>;
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
   * How many hashes run at once. bcrypt runs on libuv's thread pool; on a small machine unbounded
   * hashing takes every core from the event loop and every other request waits. 0 picks the core
   * count minus one (at least one).
   */
  concurrency?: number;
}

export function defaultHashConcurrency(): number {
  return Math.max(1, os.availableParallelism() - 1);
}

export function createBcryptHasher(options: HasherOptions): PasswordHasher {
  const gate = new Semaphore(
    options.concurrency === undefined || options.concurrency === 0
      ? defaultHashConcurrency()
      : options.concurrency,
  );
  let dummyHash: Promise<string> | undefined;

  const hash = (password: string) => gate.run(() => bcryptHash(preHash(password), options.cost));
  const verify = async (password: string, stored: string) => {
    try {
      return await gate.run(() => bcryptVerify(preHash(password), stored));
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
  };
}
