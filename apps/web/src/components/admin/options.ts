import type { PasswordType, UserAccessType } from '@roster/users/schemas';

// The choices of the admin selects, in the order they are offered; their names are in the
// `admin.options` catalogue, by value.

export const ACCESS_TYPES = ['regular', 'admin'] as const satisfies readonly UserAccessType[];

export const PASSWORD_TYPES = ['strict', 'length_only'] as const satisfies readonly PasswordType[];
