import { generate, generateSecret, generateURI, verify } from 'otplib';

/** RFC 6238 with the usual parameters: SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD_SECONDS = 30;

export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function totpUri(secret: string, label: string): string {
  return generateURI({ issuer: 'Roster', label, secret });
}

/**
 * Checks a 6-digit code at `nowMs`, allowing one step of drift either way, and refusing any step
 * at or before `afterStep` (a code is accepted once). Returns the code's time step, or null.
 */
export async function verifyTotp(
  secret: string,
  code: string,
  nowMs: number,
  afterStep: number | null,
): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(nowMs / 1000),
    epochTolerance: TOTP_PERIOD_SECONDS,
    ...(afterStep === null ? {} : { afterTimeStep: afterStep }),
  });
  // The functional API types TOTP and HOTP results together; a TOTP result carries the step.
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/** The code an authenticator shows at `nowMs` (tests and the e2e suite compute codes with it). */
export function totpCode(secret: string, nowMs: number): Promise<string> {
  return generate({ secret, epoch: Math.floor(nowMs / 1000) });
}
