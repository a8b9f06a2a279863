import { Language } from '@roster/users/schemas';
import { describe, expect, it } from 'vitest';
import { cmToFeetInches, feetInchesToCm, LANGUAGE_OPTIONS } from '../src/lib/profile-options';

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

it('names every language the API accepts, once', () => {
  expect(LANGUAGE_OPTIONS.map((option) => option.value).sort()).toEqual(
    [...Language.options].sort(),
  );
});
