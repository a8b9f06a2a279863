import crypto from 'node:crypto';

/** Letters and digits without the look-alikes 0, O, 1 and I: 32 symbols, 5 bits each. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const BACKUP_CODE_COUNT = 10;

/** `XXXX-XXXX`: 40 random bits, easy to read aloud and type. */
export function generateBackupCodes(count = BACKUP_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    let code = '';
    for (let i = 0; i < 8; i += 1) code += ALPHABET.charAt(crypto.randomInt(ALPHABET.length));
    return `${code.slice(0, 4)}-${code.slice(4)}`;
  });
}

/** Case does not matter and the dash is optional. */
export function normalizeBackupCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

export function looksLikeBackupCode(input: string): boolean {
  return /^[A-Z0-9]{8}$/.test(normalizeBackupCode(input));
}

/**
 * Stored as an HMAC under a key derived from SECRET_KEY: a database dump alone cannot be used to
 * search the 2^40 possible codes.
 */
export function hashBackupCode(key: Buffer, input: string): string {
  return crypto
    .createHmac('sha256', key)
    .update(`backup-code:${normalizeBackupCode(input)}`)
    .digest('hex');
}
