import { describe, expect, it } from 'vitest';
import { createBcryptHasher } from './hasher';
import { checkPasswordPolicy } from './policy';

const hasher = createBcryptHasher({ cost: 4, concurrency: 2 });
const strict = {
  passwordType: 'strict',
  passwordLengthRegularUsers: 8,
  passwordLengthAdminUsers: 12,
} as const;

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hasher.hash('Correct-Horse-42');
    expect(hash).toMatch(/^\$2[aby]\$04\$/);
    expect(await hasher.verify('Correct-Horse-42', hash)).toBe(true);
    expect(await hasher.verify('correct-horse-42', hash)).toBe(false);
  });

  it('uses the whole password: sharing the first 72 bytes is not enough', async () => {
    const prefix = 'x'.repeat(72);
    const hash = await hasher.hash(`${prefix}-one`);
    expect(await hasher.verify(`${prefix}-two`, hash)).toBe(false);
    expect(await hasher.verify(prefix, hash)).toBe(false);
    expect(await hasher.verify(`${prefix}-one`, hash)).toBe(true);
  });

  it('treats multi-byte characters and NUL bytes as part of the password', async () => {
    const hash = await hasher.hash('pässwörd\u0000tail');
    expect(await hasher.verify('pässwörd', hash)).toBe(false);
    expect(await hasher.verify('pässwörd\u0000tail', hash)).toBe(true);
  });

  it('never matches a malformed stored hash', async () => {
    expect(await hasher.verify('anything', 'not-a-bcrypt-hash')).toBe(false);
  });
});

describe('password policy', () => {
  it('strict needs upper, lower, digit and symbol, and says what is missing', () => {
    expect(() => {
      checkPasswordPolicy('Abcdefg1!', strict, 'regular');
    }).not.toThrow();
    expect(() => {
      checkPasswordPolicy('abcdefgh', strict, 'regular');
    }).toThrow('Password needs an uppercase letter, a digit and a symbol.');
    expect(() => {
      checkPasswordPolicy('Ab1!', strict, 'regular');
    }).toThrow('Password needs at least 8 characters.');
  });

  it('admins need the admin length', () => {
    expect(() => {
      checkPasswordPolicy('Abcdefg1!', strict, 'admin');
    }).toThrow('at least 12 characters');
  });

  it('length_only checks the length alone, counting characters not bytes', () => {
    const lengthOnly = { ...strict, passwordType: 'length_only' } as const;
    expect(() => {
      checkPasswordPolicy('aaaaaaaa', lengthOnly, 'regular');
    }).not.toThrow();
    expect(() => {
      checkPasswordPolicy('ééééééé', lengthOnly, 'regular');
    }).toThrow('at least 8 characters');
  });
});

describe('hashing threads', () => {
  it.runIf(process.platform === 'linux')(
    'run at a lower priority than the event loop, so requests keep a core',
    async () => {
      const fs = await import('node:fs');
      const busy = createBcryptHasher({ cost: 12, concurrency: 2 });
      const work = Promise.all([busy.hash('a'), busy.hash('b')]);
      const niceOf = (task: string) => {
        try {
          const stat = fs.readFileSync(`/proc/self/task/${task}/stat`, 'utf8');
          return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
        } catch {
          return 0; // the thread ended meanwhile
        }
      };
      // Threads take a moment to start on a busy machine: look until both are hashing.
      let nices: number[] = [];
      for (let i = 0; i < 100; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        nices = fs.readdirSync('/proc/self/task').map(niceOf);
        if (nices.filter((nice) => nice > 0).length >= 2) break;
      }
      await work;
      await busy.close();
      expect(niceOf(String(process.pid))).toBe(0);
      expect(nices.filter((nice) => nice > 0).length).toBeGreaterThanOrEqual(2);
    },
  );
});
