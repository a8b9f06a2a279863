import { z } from 'zod';
import { Password } from './users';

/** A code from an authenticator app (6 digits) or a backup code (`XXXX-XXXX`). */
export const SecondFactorCode = z.string().trim().max(32, { error: 'That code is too long.' });

/**
 * Proof that the owner is at the keyboard (docs/api.md): the current password, and a code as well
 * when MFA is on. Both parts are optional in the schema; the server says which one is missing.
 */
export const StepUp = z.strictObject({
  password: Password.optional(),
  code: SecondFactorCode.optional(),
});
export type StepUp = z.infer<typeof StepUp>;
