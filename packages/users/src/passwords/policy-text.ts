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

/** Something a password lacks under the policy; pages word it in their own language. */
export type PasswordShortfall = 'length' | 'uppercase' | 'lowercase' | 'digit' | 'symbol';

const CHARACTER_CLASSES: { test: RegExp; shortfall: PasswordShortfall; name: string }[] = [
  { test: /\p{Lu}/u, shortfall: 'uppercase', name: 'an uppercase letter' },
  { test: /\p{Ll}/u, shortfall: 'lowercase', name: 'a lowercase letter' },
  { test: /\p{Nd}/u, shortfall: 'digit', name: 'a digit' },
  { test: /[^\p{L}\p{Nd}]/u, shortfall: 'symbol', name: 'a symbol' },
];

/** What a password lacks under the policy (empty when it passes); the browser shows it live. */
export function passwordShortfalls(
  password: string,
  policy: PasswordPolicy,
  accessType: UserAccessType,
): PasswordShortfall[] {
  const shortfalls: PasswordShortfall[] = [];
  // Count code points, not UTF-16 units, so an emoji is one character.
  if (Array.from(password).length < minimumPasswordLength(policy, accessType)) {
    shortfalls.push('length');
  }
  if (policy.passwordType === 'strict') {
    for (const characterClass of CHARACTER_CLASSES) {
      if (!characterClass.test.test(password)) shortfalls.push(characterClass.shortfall);
    }
  }
  return shortfalls;
}

/** The shortfalls in English, for the API's own messages. */
export function passwordProblems(
  password: string,
  policy: PasswordPolicy,
  accessType: UserAccessType,
): string[] {
  const length = minimumPasswordLength(policy, accessType);
  return passwordShortfalls(password, policy, accessType).map((shortfall) =>
    shortfall === 'length'
      ? `at least ${length} characters`
      : (CHARACTER_CLASSES.find((c) => c.shortfall === shortfall)?.name ?? shortfall),
  );
}

export function joinList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}
