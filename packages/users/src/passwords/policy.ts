import { PolicyViolation } from '../errors';
import type { UserAccessType } from '../schemas/enums';
import type { PasswordHasher } from './hasher';
import {
  joinList,
  minimumPasswordLength,
  passwordProblems,
  passwordShortfalls,
  type PasswordPolicy,
} from './policy-text';

export {
  describePasswordPolicy,
  minimumPasswordLength,
  passwordProblems,
  passwordShortfalls,
  type PasswordPolicy,
  type PasswordShortfall,
} from './policy-text';

/**
 * Throws PolicyViolation naming everything the password lacks; its details carry the same as
 * facts (`minLength`, `missing`: the shortfalls joined by commas) for clients to word it.
 */
export function checkPasswordPolicy(
  password: string,
  policy: PasswordPolicy,
  accessType: UserAccessType,
  field = 'password',
): void {
  const problems = passwordProblems(password, policy, accessType);
  if (problems.length > 0) {
    const error = new PolicyViolation(`Password needs ${joinList(problems)}.`, field);
    error.details = {
      minLength: minimumPasswordLength(policy, accessType),
      missing: passwordShortfalls(password, policy, accessType).join(','),
    };
    throw error;
  }
}

/** The seed's `checkPasswordAndHash`: enforce the server's policy for this access type, then hash. */
export async function checkPasswordAndHash(
  password: string,
  policy: PasswordPolicy,
  accessType: UserAccessType,
  hasher: PasswordHasher,
  field = 'password',
): Promise<string> {
  checkPasswordPolicy(password, policy, accessType, field);
  return hasher.hash(password);
}
