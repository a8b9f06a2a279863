import type {
  Currency,
  Gender,
  Language,
  Units,
  UserAccessType,
  UsersListFilter,
  WeekDay,
} from '@roster/users/schemas';

type Options<T extends string> = readonly { value: T; label: string }[];

export const ACCESS_TYPE_OPTIONS: Options<UserAccessType> = [
  { value: 'regular', label: 'Regular user' },
  { value: 'admin', label: 'Administrator' },
];

export const LANGUAGE_OPTIONS: Options<Language> = [
  { value: 'us', label: 'English (US)' },
  { value: 'ca', label: 'Català' },
  { value: 'de', label: 'Deutsch' },
  { value: 'es', label: 'Español' },
  { value: 'fr', label: 'Français' },
  { value: 'gl', label: 'Galego' },
  { value: 'it', label: 'Italiano' },
  { value: 'nl', label: 'Nederlands' },
  { value: 'pt', label: 'Português' },
  { value: 'sl', label: 'Slovenščina' },
  { value: 'sv', label: 'Svenska' },
  { value: 'cn', label: '中文（简体）' },
  { value: 'tw', label: '中文（繁體）' },
];

export const GENDER_OPTIONS: Options<Gender> = [
  { value: 'unspecified', label: 'Not specified' },
  { value: 'female', label: 'Female' },
  { value: 'male', label: 'Male' },
];

export const UNITS_OPTIONS: Options<Units> = [
  { value: 'metric', label: 'Metric (km, kg)' },
  { value: 'imperial', label: 'Imperial (mi, lb)' },
];

export const CURRENCY_OPTIONS: Options<Currency> = [
  { value: 'euro', label: 'Euro (€)' },
  { value: 'dollar', label: 'Dollar ($)' },
  { value: 'pound', label: 'Pound (£)' },
];

export const WEEKDAY_OPTIONS: Options<WeekDay> = [
  { value: 'monday', label: 'Monday' },
  { value: 'tuesday', label: 'Tuesday' },
  { value: 'wednesday', label: 'Wednesday' },
  { value: 'thursday', label: 'Thursday' },
  { value: 'friday', label: 'Friday' },
  { value: 'saturday', label: 'Saturday' },
  { value: 'sunday', label: 'Sunday' },
];

export const FILTER_LABELS: Record<UsersListFilter, string> = {
  all: 'All',
  pending_approval: 'Pending approval',
  unverified: 'Unverified',
  inactive: 'Inactive',
  admins: 'Admins',
};
