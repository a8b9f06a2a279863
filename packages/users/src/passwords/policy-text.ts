import type { UserAccessType } from '../schemas/enums';
import type { ServerSettings } from '../schemas/settings';

export type PasswordPolicy = Pick<
  ServerSettings,
  'passwordType' | 'passwordLengthRegularUsers' | 'passwordLengthAdminUsers'
>;

export function minimumPasswordLength(policy: PasswordPolicy, accessType: UserAccessType): number {
  return accessType === 'admin'
    ? policy.passwordLengthAdminUsers
    : policy.passwordLengthRegularUsers;
}

/** Describes the policy in one sentence, for forms. */
export function describePasswordPolicy(policy: PasswordPolicy, accessType: UserAccessType): string {
  const length = minimumPasswordLength(policy, accessType);
  return policy.passwordType === 'strict'
    ? `At least ${length} characters, with an uppercase letter, a lowercase letter, a digit and a symbol.`
    : `At least ${length} characters.`;
}

const CHARACTER_CLASSES = [
  { test: /\p{Lu}/u, name: 'an uppercase letter' },
  { test: /\p{Ll}/u, name: 'a lowercase letter' },
  { test: /\p{Nd}/u, name: 'a digit' },
  { test: /[^\p{L}\p{Nd}]/u, name: 'a symbol' },
];

/** What a password lacks under the policy (empty when it passes); the browser shows it live. */
export function passwordProblems(
  password: string,
  policy: PasswordPolicy,
  accessType: UserAccessType,
): string[] {
  const length = minimumPasswordLength(policy, accessType);
  const problems: string[] = [];
  // Count code points, not UTF-16 units, so an emoji is one character.
  if (Array.from(password).length < length) problems.push(`at least ${length} characters`);
  if (policy.passwordType === 'strict') {
    for (const characterClass of CHARACTER_CLASSES) {
      if (!characterClass.test.test(password)) problems.push(characterClass.name);
    }
  }
  return problems;
}

export function joinList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}
