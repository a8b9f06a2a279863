import {
  Currency,
  Gender,
  Language,
  LANGUAGE_NAMES,
  LANGUAGE_TAGS,
  LANGUAGES,
  Units,
  Visibility,
  WeekDay,
} from '@roster/users/schemas';
import { describe, expect, it } from 'vitest';
import {
  cmToFeetInches,
  CURRENCIES,
  feetInchesToCm,
  GENDERS,
  UNITS,
  VISIBILITIES,
  WEEKDAYS,
} from '../src/lib/profile-options';
import profile from '../messages/us/profile.json';

describe('height in feet and inches', () => {
  it.each([
    [170, 5, 7],
    [183, 6, 0],
    [152, 5, 0],
    [300, 9, 10],
  ])('%i cm shows as %i ft %i in', (cm, feet, inches) => {
    expect(cmToFeetInches(cm)).toEqual({ feet, inches });
  });

  it('goes back to whole centimetres within the API’s bounds', () => {
    expect(feetInchesToCm(5, 7)).toBe(170);
    expect(feetInchesToCm(0, 1)).toBe(3);
    expect(feetInchesToCm(9, 10)).toBe(300);
  });

  it('survives a round trip to within one inch for every allowed height', () => {
    for (let cm = 2; cm <= 300; cm += 1) {
      const { feet, inches } = cmToFeetInches(cm);
      expect(inches).toBeLessThan(12);
      expect(Math.abs(feetInchesToCm(feet, inches) - cm)).toBeLessThanOrEqual(1.27);
    }
  });
});

describe('the choices of the profile and privacy selects', () => {
  it.each([
    ['gender', GENDERS, Gender.options],
    ['units', UNITS, Units.options],
    ['weekday', WEEKDAYS, WeekDay.options],
    ['currency', CURRENCIES, Currency.options],
    ['visibility', VISIBILITIES, Visibility.options],
  ] as const)(
    'offer every %s the API accepts, once, each named in the catalogue',
    (name, offered, accepted) => {
      expect([...offered].sort()).toEqual([...accepted].sort());
      expect(Object.keys(profile.options[name]).sort()).toEqual([...accepted].sort());
    },
  );

  it('name every language the API accepts, once, in itself', () => {
    expect([...LANGUAGES].sort()).toEqual([...Language.options].sort());
    for (const language of LANGUAGES) {
      expect(LANGUAGE_NAMES[language]).toBeTruthy();
      expect(LANGUAGE_TAGS[language]).toBeTruthy();
    }
  });
});
