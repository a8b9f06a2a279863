import type { Currency, Gender, Units, Visibility, WeekDay } from '@roster/users/schemas';

// The choices of the profile and privacy selects, in the order they are offered. Their names
// are in the `profile.options` catalogue, by value (`options.gender.female`); languages are named
// in themselves by LANGUAGE_NAMES of '@roster/users/schemas'.

export const GENDERS = ['unspecified', 'female', 'male'] as const satisfies readonly Gender[];

export const UNITS = ['metric', 'imperial'] as const satisfies readonly Units[];

export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const satisfies readonly WeekDay[];

export const CURRENCIES = ['euro', 'dollar', 'pound'] as const satisfies readonly Currency[];

export const VISIBILITIES = [
  'public',
  'followers',
  'private',
] as const satisfies readonly Visibility[];

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
