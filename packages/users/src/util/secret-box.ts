import crypto from 'node:crypto';

const VERSION = 'v1';

/**
 * Encrypts a secret for storage (an MFA secret, a queued email) with AES-256-GCM under a key
 * derived from SECRET_KEY: `v1.<iv>.<tag>.<ciphertext>`, base64url. A database dump alone does
 * not reveal what was sealed.
 */
export function sealSecret(key: Buffer, plaintext: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/** Decrypts a sealed secret; throws when it was tampered with or sealed under another key. */
export function openSecret(key: Buffer, sealed: string): string {
  const [version, iv, tag, ciphertext] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) {
    throw new Error('Unrecognised sealed secret.');
  }
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([
    decipher.update(Buffer.from(ciphertext, 'base64url')),
    decipher.final(),
  ]).toString('utf8');
}

/** Whether a stored value was sealed by `sealSecret` (rather than stored before sealing existed). */
export function isSealed(value: string): boolean {
  return value.startsWith(`${VERSION}.`);
}
