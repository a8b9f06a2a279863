import type { Currency, Gender, Language, Units, Visibility, WeekDay } from '@roster/users/schemas';

interface Option<T extends string> {
  value: T;
  label: string;
}

/** Each language under its own name, so a person finds theirs whatever the page's language. */
export const LANGUAGE_OPTIONS: readonly Option<Language>[] = [
  { value: 'ca', label: 'Català' },
  { value: 'cn', label: '中文 (简体)' },
  { value: 'tw', label: '中文 (繁體)' },
  { value: 'de', label: 'Deutsch' },
  { value: 'fr', label: 'Français' },
  { value: 'gl', label: 'Galego' },
  { value: 'it', label: 'Italiano' },
  { value: 'nl', label: 'Nederlands' },
  { value: 'pt', label: 'Português' },
  { value: 'sl', label: 'Slovenščina' },
  { value: 'sv', label: 'Svenska' },
  { value: 'es', label: 'Español' },
  { value: 'us', label: 'English (US)' },
];

export const GENDER_OPTIONS: readonly Option<Gender>[] = [
  { value: 'unspecified', label: 'Prefer not to say' },
  { value: 'female', label: 'Female' },
  { value: 'male', label: 'Male' },
];

export const UNITS_OPTIONS: readonly Option<Units>[] = [
  { value: 'metric', label: 'Metric (cm, kg, km)' },
  { value: 'imperial', label: 'Imperial (ft and in, lb, mi)' },
];

export const WEEKDAY_OPTIONS: readonly Option<WeekDay>[] = [
  { value: 'monday', label: 'Monday' },
  { value: 'tuesday', label: 'Tuesday' },
  { value: 'wednesday', label: 'Wednesday' },
  { value: 'thursday', label: 'Thursday' },
  { value: 'friday', label: 'Friday' },
  { value: 'saturday', label: 'Saturday' },
  { value: 'sunday', label: 'Sunday' },
];

export const CURRENCY_OPTIONS: readonly Option<Currency>[] = [
  { value: 'euro', label: 'Euro (€)' },
  { value: 'dollar', label: 'US dollar ($)' },
  { value: 'pound', label: 'Pound sterling (£)' },
];

export const VISIBILITY_OPTIONS: readonly Option<Visibility>[] = [
  { value: 'public', label: 'Public: anyone' },
  { value: 'followers', label: 'Followers only' },
  { value: 'private', label: 'Private: only you' },
];

const CM_PER_INCH = 2.54;

/** Height in whole feet and inches, rounded to the nearest inch. */
export function cmToFeetInches(cm: number): { feet: number; inches: number } {
  const totalInches = Math.round(cm / CM_PER_INCH);
  return { feet: Math.floor(totalInches / 12), inches: totalInches % 12 };
}

/** Height in whole centimetres, as the API stores it. */
export function feetInchesToCm(feet: number, inches: number): number {
  return Math.round((feet * 12 + inches) * CM_PER_INCH);
}
