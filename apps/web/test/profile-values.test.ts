import { UsersBaseUpdate, type UsersBase } from '@roster/users/schemas';
import { createFormatter, createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { errorText, type ErrorTranslator } from '../src/lib/errors';
import {
  changeUnits,
  heightFrom,
  heightProblem,
  PROFILE_TEXT_FIELDS,
  profileText,
  profileValuesFrom,
} from '../src/lib/profile-values';
import errors from '../messages/us/errors.json';
import profile from '../messages/us/profile.json';

const PERSON: UsersBase = {
  name: 'Ada Lovelace',
  username: 'ada',
  email: 'ada@example.com',
  city: null,
  birthdate: null,
  preferredLanguage: 'us',
  gender: 'unspecified',
  units: 'metric',
  height: 171,
  maxHeartRate: null,
  firstDayOfWeek: 'monday',
  currency: 'euro',
};

const ProfileInput = UsersBaseUpdate.omit({ email: true }).extend(PROFILE_TEXT_FIELDS);

const english = errorText(
  createTranslator({
    locale: 'en-US',
    messages: { errors },
    namespace: 'errors',
  }) as unknown as ErrorTranslator,
  createFormatter({ locale: 'en-US', timeZone: 'UTC' }),
);

describe('the height in either units', () => {
  it('shows a stored height in feet and inches when the units change', () => {
    const imperial = changeUnits(profileValuesFrom({ ...PERSON, height: 170 }), 'imperial');
    expect(imperial).toMatchObject({ units: 'imperial', heightFeet: '5', heightInches: '7' });
  });

  it('keeps the exact centimetres when feet and inches are left as shown', () => {
    const imperial = changeUnits(profileValuesFrom(PERSON), 'imperial');
    expect(heightFrom(imperial)).toEqual({ height: 171 });
    expect(changeUnits(imperial, 'metric').heightCm).toBe('171');
    // 5 ft 8 in typed over the 5 ft 7 in shown is a new height.
    expect(heightFrom({ ...imperial, heightInches: '8' })).toEqual({ height: 173 });
  });

  it('says why it cannot read feet and inches, for the form to word', () => {
    const imperial = changeUnits(profileValuesFrom(PERSON), 'imperial');
    expect(heightFrom({ ...imperial, heightInches: '12' })).toEqual({ problem: 'inchesRange' });
    expect(heightFrom({ ...imperial, heightFeet: 'five' })).toEqual({ problem: 'wholeNumbers' });
    expect(heightFrom({ ...imperial, heightFeet: '', heightInches: '' })).toEqual({ height: null });
    expect(heightProblem({ ...imperial, heightInches: '12' })).toBe('inchesRange');
    expect(heightProblem(imperial)).toBeNull();
  });

  it('has words for every problem in the profile catalogue', () => {
    expect(Object.keys(profile.fields.heightProblems).sort()).toEqual([
      'inchesRange',
      'wholeNumbers',
    ]);
  });
});

describe('the profile inputs parsed with the shared schema', () => {
  it('sends numbers and nulls for what was typed', () => {
    const values = { ...profileValuesFrom(PERSON), city: '  ', maxHeartRate: '185' };
    expect(ProfileInput.parse(profileText(values))).toMatchObject({
      city: null,
      birthdate: null,
      height: 171,
      maxHeartRate: 185,
    });
  });

  it('reports every mistake at once, with why the height cannot be read', () => {
    const values = changeUnits(
      { ...profileValuesFrom(PERSON), name: '', maxHeartRate: 'fast' },
      'imperial',
    );
    const parsed = ProfileInput.safeParse(profileText({ ...values, heightInches: '14' }));
    expect(parsed.success).toBe(false);
    const issues = parsed.error?.issues ?? [];
    // The form replaces the height's general wording with the problem's own (ProfileFields).
    expect(english.issues(issues)).toEqual({
      name: 'Name is required.',
      height: 'Height is not valid.',
      maxHeartRate: 'Maximum heart rate must be a whole number.',
    });
    expect(issues.find((issue) => issue.path[0] === 'height')).toMatchObject({
      code: 'custom',
      params: { problem: 'inchesRange' },
    });
  });

  it('asks for whole numbers where text is not one', () => {
    const values = { ...profileValuesFrom(PERSON), heightCm: '1.70', maxHeartRate: '185.5' };
    const parsed = ProfileInput.safeParse(profileText(values));
    expect(english.issues(parsed.error?.issues ?? [])).toEqual({
      height: 'Height must be a whole number.',
      maxHeartRate: 'Maximum heart rate must be a whole number.',
    });
  });

  it('holds a metric height to the API’s bounds', () => {
    const values = { ...profileValuesFrom(PERSON), heightCm: '400' };
    const parsed = ProfileInput.safeParse(profileText(values));
    expect(english.issues(parsed.error?.issues ?? [])).toEqual({
      height: 'Height must be between 1 and 300 cm.',
    });
  });
});
