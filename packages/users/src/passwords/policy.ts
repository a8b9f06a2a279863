import { PolicyViolation } from '../errors';
import type { UserAccessType } from '../schemas/enums';
import type { PasswordHasher } from './hasher';
import { joinList, passwordProblems, type PasswordPolicy } from './policy-text';

export {
  describePasswordPolicy,
  minimumPasswordLength,
  passwordProblems,
  type PasswordPolicy,
} from './policy-text';

/** Throws PolicyViolation naming everything the password lacks. */
export function checkPasswordPolicy(
  password: string,
  policy: PasswordPolicy,
  accessType: UserAccessType,
  field = 'password',
): void {
  const problems = passwordProblems(password, policy, accessType);
  if (problems.length > 0) {
    throw new PolicyViolation(`Password needs ${joinList(problems)}.`, field);
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
