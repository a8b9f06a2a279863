import crypto from 'node:crypto';

/** 256 random bits, URL-safe: session, verification and reset tokens. */
export function generateToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/** Only this digest is stored; the token itself never reaches the database or a log. */
export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Public ids (session ids shown to users): 128 random bits. */
export function generateId(): string {
  return crypto.randomBytes(16).toString('base64url');
}

export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}
