import {
  type Currency,
  type Gender,
  type Language,
  Units,
  type UsersBase,
  UsersBaseUpdate,
  type WeekDay,
} from '@roster/users/schemas';
import { z } from 'zod';
import { cmToFeetInches, feetInchesToCm } from './profile-options';

/** What the profile inputs hold: text as typed, so a half-typed number is shown back with its error. */
export interface ProfileValues {
  name: string;
  username: string;
  email: string;
  city: string;
  birthdate: string;
  preferredLanguage: Language;
  gender: Gender;
  units: Units;
  heightCm: string;
  heightFeet: string;
  heightInches: string;
  maxHeartRate: string;
  firstDayOfWeek: WeekDay;
  currency: Currency;
}

type HeightValues = Pick<ProfileValues, 'units' | 'heightCm' | 'heightFeet' | 'heightInches'>;

function imperialHeight(cm: number | null): Pick<ProfileValues, 'heightFeet' | 'heightInches'> {
  if (cm === null) return { heightFeet: '', heightInches: '' };
  const { feet, inches } = cmToFeetInches(cm);
  return { heightFeet: String(feet), heightInches: String(inches) };
}

export function profileValuesFrom(user: UsersBase): ProfileValues {
  return {
    name: user.name,
    username: user.username,
    email: user.email,
    city: user.city ?? '',
    birthdate: user.birthdate ?? '',
    preferredLanguage: user.preferredLanguage,
    gender: user.gender,
    units: user.units,
    heightCm: user.height === null ? '' : String(user.height),
    ...imperialHeight(user.height),
    maxHeartRate: user.maxHeartRate === null ? '' : String(user.maxHeartRate),
    firstDayOfWeek: user.firstDayOfWeek,
    currency: user.currency,
  };
}

const WHOLE_NUMBER = /^\d+$/;

/** A typed number, or NaN for text that is not one (the schema then says what is wrong). */
function numberOrNull(text: string): number | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : WHOLE_NUMBER.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** Height in cm from whichever inputs the chosen units show, or a message about them. */
export function heightFrom(values: HeightValues): { height: number | null } | { error: string } {
  if (values.units === 'metric') return { height: numberOrNull(values.heightCm) };
  const feet = values.heightFeet.trim();
  const inches = values.heightInches.trim();
  if (feet === '' && inches === '') return { height: null };
  if (!WHOLE_NUMBER.test(feet || '0') || !WHOLE_NUMBER.test(inches || '0')) {
    return { error: 'Enter your height in whole feet and inches.' };
  }
  if (Number(inches || '0') > 11) return { error: 'Inches must be between 0 and 11.' };
  const cm = numberOrNull(values.heightCm);
  const typed = { feet: Number(feet || '0'), inches: Number(inches || '0') };
  // Feet and inches left as they were shown keep the exact centimetres behind them: switching
  // units and saving must not move a stored 171 cm to 170.
  if (cm !== null && Number.isFinite(cm)) {
    const shown = cmToFeetInches(cm);
    if (shown.feet === typed.feet && shown.inches === typed.inches) return { height: cm };
  }
  return { height: feetInchesToCm(typed.feet, typed.inches) };
}

/** Switching units converts the height already entered instead of losing it. */
export function changeUnits(values: ProfileValues, units: Units): ProfileValues {
  if (units === values.units) return values;
  const converted = heightFrom(values);
  const cm = 'height' in converted ? converted.height : null;
  if (cm === null || !Number.isFinite(cm)) return { ...values, units };
  return units === 'imperial'
    ? { ...values, units, heightCm: String(cm), ...imperialHeight(cm) }
    : { ...values, units, heightCm: String(cm) };
}

const HeightText = z
  .object({ units: Units, heightCm: z.string(), heightFeet: z.string(), heightInches: z.string() })
  .transform((values, ctx) => {
    const height = heightFrom(values);
    if ('height' in height) return height.height;
    ctx.addIssue({ code: 'custom', message: height.error });
    return z.NEVER;
  })
  .pipe(UsersBaseUpdate.shape.height.unwrap());

/**
 * The shared schema's profile fields as the inputs hold them (`extend` UsersBaseUpdate or
 * UsersAdminUpdate with these): text becomes numbers and nulls, and the height comes from the
 * inputs of the chosen units. Each field is judged on its own, so every mistake shows at once.
 */
export const PROFILE_TEXT_FIELDS = {
  birthdate: z
    .string()
    .transform((text) => (text === '' ? null : text))
    .pipe(UsersBaseUpdate.shape.birthdate.unwrap()),
  height: HeightText,
  maxHeartRate: z
    .string()
    .transform(numberOrNull)
    .pipe(UsersBaseUpdate.shape.maxHeartRate.unwrap()),
};

/** The inputs of ProfileFields that show their own message (the email only where it is shown). */
export const PROFILE_FIELD_NAMES = [
  'name',
  'username',
  'city',
  'birthdate',
  'gender',
  'preferredLanguage',
  'units',
  'height',
  'maxHeartRate',
  'firstDayOfWeek',
  'currency',
] as const;

/** The profile values in the shape PROFILE_TEXT_FIELDS reads, without the email. */
export function profileText(values: ProfileValues) {
  return {
    name: values.name,
    username: values.username,
    city: values.city,
    birthdate: values.birthdate,
    preferredLanguage: values.preferredLanguage,
    gender: values.gender,
    units: values.units,
    height: {
      units: values.units,
      heightCm: values.heightCm,
      heightFeet: values.heightFeet,
      heightInches: values.heightInches,
    },
    maxHeartRate: values.maxHeartRate,
    firstDayOfWeek: values.firstDayOfWeek,
    currency: values.currency,
  };
}
