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

/** A typed whole number, or NaN for text that is not one (refused as `notWholeNumber`). */
function numberOrNull(text: string): number | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : WHOLE_NUMBER.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/**
 * Why feet and inches cannot be read as a height; the form words it (`profile.fields.heightProblems`)
 * and the schema's issue carries it as `params.problem`.
 */
export type HeightProblem = 'wholeNumbers' | 'inchesRange';

/** Height in cm from whichever inputs the chosen units show, or why the feet and inches are not one. */
export function heightFrom(
  values: HeightValues,
): { height: number | null } | { problem: HeightProblem } {
  if (values.units === 'metric') return { height: numberOrNull(values.heightCm) };
  const feet = values.heightFeet.trim();
  const inches = values.heightInches.trim();
  if (feet === '' && inches === '') return { height: null };
  if (!WHOLE_NUMBER.test(feet || '0') || !WHOLE_NUMBER.test(inches || '0')) {
    return { problem: 'wholeNumbers' };
  }
  if (Number(inches || '0') > 11) return { problem: 'inchesRange' };
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

/** What is wrong with the height as the inputs hold it, or null when it can be read. */
export function heightProblem(values: HeightValues): HeightProblem | null {
  const height = heightFrom(values);
  return 'problem' in height ? height.problem : null;
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

/**
 * Text that is not a whole number is refused as zod refuses a fraction (`expected: 'int'`), so
 * the message says what the input wants: "… must be a whole number."
 */
function notWholeNumber(ctx: z.RefinementCtx, input: unknown): typeof z.NEVER {
  ctx.addIssue({ code: 'invalid_type', expected: 'int', input });
  return z.NEVER;
}

const HeightText = z
  .object({ units: Units, heightCm: z.string(), heightFeet: z.string(), heightInches: z.string() })
  .transform((values, ctx) => {
    const height = heightFrom(values);
    if (!('height' in height)) {
      // No message: the form words the problem in the page language (ProfileFields).
      ctx.addIssue({ code: 'custom', params: { problem: height.problem } });
      return z.NEVER;
    }
    return Number.isNaN(height.height) ? notWholeNumber(ctx, values.heightCm) : height.height;
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
    .transform((text, ctx) => {
      const number = numberOrNull(text);
      return Number.isNaN(number) ? notWholeNumber(ctx, text) : number;
    })
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
