import type { UserAccessType, UsersListFilter } from '@roster/users/schemas';

// The profile's own options (languages, units, …) come from one place for every form.
export {
  CURRENCY_OPTIONS,
  GENDER_OPTIONS,
  LANGUAGE_OPTIONS,
  UNITS_OPTIONS,
  WEEKDAY_OPTIONS,
} from '@/lib/profile-options';

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
