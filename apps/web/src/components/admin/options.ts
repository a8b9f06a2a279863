import type { UserAccessType, UsersListFilter } from '@roster/users/schemas';

type Options<T extends string> = readonly { value: T; label: string }[];

export const ACCESS_TYPE_OPTIONS: Options<UserAccessType> = [
  { value: 'regular', label: 'Regular user' },
  { value: 'admin', label: 'Administrator' },
];

export const FILTER_LABELS: Record<UsersListFilter, string> = {
  all: 'All',
  pending_approval: 'Pending approval',
  unverified: 'Unverified',
  inactive: 'Inactive',
  admins: 'Admins',
};
