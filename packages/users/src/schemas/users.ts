import { z } from 'zod';
import { Currency, Gender, Language, Units, UserAccessType, WeekDay } from './enums';
import { PrivacySettingsFields } from './privacy';

const USERNAME_PATTERN = /^[a-zA-Z0-9.]+$/;

/** A calendar date `YYYY-MM-DD` that really exists (no 2023-02-30). */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Use the format YYYY-MM-DD.' })
  .refine(
    (value) => {
      const date = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
    },
    { error: 'This date does not exist.' },
  );

export const Username = z
  .string()
  .trim()
  .min(1, { error: 'Username is required.' })
  .max(250, { error: 'Username must be at most 250 characters.' })
  .regex(USERNAME_PATTERN, { error: 'Username may contain only letters, digits and dots.' })
  .transform((value) => value.toLowerCase());

export const Email = z
  .string()
  .trim()
  .max(250, { error: 'Email must be at most 250 characters.' })
  .pipe(z.email({ error: 'Enter a valid email address.' }))
  .transform((value) => value.toLowerCase());

/** Passwords are used in full (no truncation); the server policy adds its minimum on top. */
export const Password = z
  .string()
  .min(1, { error: 'Password is required.' })
  .max(250, { error: 'Password must be at most 250 characters.' });

const Name = z
  .string()
  .trim()
  .min(1, { error: 'Name is required.' })
  .max(250, { error: 'Name must be at most 250 characters.' });

/** An empty city means none. */
const City = z
  .string()
  .trim()
  .max(250, { error: 'City must be at most 250 characters.' })
  .transform((value) => (value === '' ? null : value));

const Height = z
  .number({ error: 'Height must be a whole number of centimetres.' })
  .int({ error: 'Height must be a whole number of centimetres.' })
  .min(1, { error: 'Height must be between 1 and 300 cm.' })
  .max(300, { error: 'Height must be between 1 and 300 cm.' });

const MaxHeartRate = z
  .number({ error: 'Maximum heart rate must be a whole number.' })
  .int({ error: 'Maximum heart rate must be a whole number.' })
  .min(30, { error: 'Maximum heart rate must be between 30 and 250.' })
  .max(250, { error: 'Maximum heart rate must be between 30 and 250.' });

/**
 * Each profile field once, in its two readings: in a whole profile (required, or its default or
 * null when left out) and in a partial update (only the keys sent change, with no default, so
 * leaving `units` out never resets it; null clears an optional field).
 */
const required = <T extends z.ZodType>(schema: T) => ({ whole: schema, update: schema.optional() });
const optional = <T extends z.ZodType>(schema: T) => ({
  whole: schema.nullish().transform((value) => value ?? null),
  update: schema.nullable().optional(),
});
const withDefault = <T extends z.ZodType<string>>(schema: T, fallback: z.output<T>) => ({
  whole: schema.default(fallback as never),
  update: schema.optional(),
});

const PROFILE_FIELDS = {
  name: required(Name),
  username: required(Username),
  email: required(Email),
  city: optional(City),
  birthdate: optional(IsoDate),
  preferredLanguage: withDefault(Language, 'us'),
  gender: withDefault(Gender, 'unspecified'),
  units: withDefault(Units, 'metric'),
  height: optional(Height),
  maxHeartRate: optional(MaxHeartRate),
  firstDayOfWeek: withDefault(WeekDay, 'monday'),
  currency: withDefault(Currency, 'euro'),
};

type Reading = 'whole' | 'update';
type ProfileShape<R extends Reading> = {
  [K in keyof typeof PROFILE_FIELDS]: (typeof PROFILE_FIELDS)[K][R];
};

function profileShape<R extends Reading>(reading: R): ProfileShape<R> {
  return Object.fromEntries(
    Object.entries(PROFILE_FIELDS).map(([key, field]) => [key, field[reading]]),
  ) as ProfileShape<R>;
}

/** The profile fields every user has; only name, username and email are required. */
export const UsersBaseFields = profileShape('whole');

export const UsersBase = z.strictObject(UsersBaseFields);
export type UsersBase = z.infer<typeof UsersBase>;

/** Server-managed account state, present on every stored user. */
const UsersStateFields = {
  accessType: UserAccessType,
  photoPath: z.string().nullable(),
  active: z.boolean(),
  mfaEnabled: z.boolean(),
  emailVerified: z.boolean(),
  pendingAdminApproval: z.boolean(),
};

export const Users = z.object({ ...UsersBaseFields, ...UsersStateFields });
export type Users = z.infer<typeof Users>;

export const UsersRead = Users.extend({
  id: z.number().int().min(1),
  externalAuthCount: z.number().int().min(0),
});
export type UsersRead = z.infer<typeof UsersRead>;

export const UsersMe = UsersRead.extend({
  ...PrivacySettingsFields,
  photoUrl: z.string().nullable(),
  /** Whether the account has a password (step-ups ask for it); docs/api.md. */
  hasPassword: z.boolean(),
  /** A new address waiting for its confirmation link to be opened; the old one is still in use. */
  pendingEmail: z.string().nullable(),
});
export type UsersMe = z.infer<typeof UsersMe>;

/**
 * A sign-up. Its language has no default (docs/api.md): left out, the sign-up takes the language
 * its form was shown in, so that a person who signed up on the French page gets French mail.
 */
export const UsersSignup = z.strictObject({
  ...UsersBaseFields,
  preferredLanguage: Language.optional(),
  password: Password,
});
export type UsersSignup = z.infer<typeof UsersSignup>;
export type UsersSignupInput = z.input<typeof UsersSignup>;

export const UsersCreate = z.strictObject({
  ...UsersBaseFields,
  accessType: UserAccessType.default('regular'),
  active: z.boolean().default(true),
  emailVerified: z.boolean().default(true),
  pendingAdminApproval: z.boolean().default(false),
  password: Password,
});
export type UsersCreate = z.infer<typeof UsersCreate>;
export type UsersCreateInput = z.input<typeof UsersCreate>;

export const UsersEditPassword = z.strictObject({ password: Password });
export type UsersEditPassword = z.infer<typeof UsersEditPassword>;

/** A partial update of the profile: only the keys present change. */
export const UsersBaseUpdate = z.strictObject(profileShape('update'));
export type UsersBaseUpdate = z.infer<typeof UsersBaseUpdate>;

/** What an admin may change on any user (server-managed photo and MFA state excluded). */
export const UsersAdminUpdate = UsersBaseUpdate.extend({
  accessType: UserAccessType.optional(),
  active: z.boolean().optional(),
  emailVerified: z.boolean().optional(),
  pendingAdminApproval: z.boolean().optional(),
});
export type UsersAdminUpdate = z.infer<typeof UsersAdminUpdate>;

export const UsersListResponse = z.object({
  total: z.number().int().min(0),
  numRecords: z.number().int().min(0),
  pageNumber: z.number().int().min(1),
  records: z.array(UsersRead),
});
export type UsersListResponse = z.infer<typeof UsersListResponse>;

export const UsersListFilter = z.enum([
  'all',
  'pending_approval',
  'unverified',
  'inactive',
  'admins',
]);
export type UsersListFilter = z.infer<typeof UsersListFilter>;
