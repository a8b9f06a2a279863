import type { ColumnType, SqlBool } from 'kysely';
import type { Currency, Gender, Language, Units, UserAccessType, WeekDay } from '../schemas/enums';
import type { UsersRead } from '../schemas/users';

/**
 * The one list of the `users` columns a user is shown with (never the password hash or the MFA
 * secret). The table's Kysely type, the selected columns, the mapping of a row to `UsersRead` and
 * the values an insert or update writes all come from here: adding a field means its zod schema,
 * a migration, an entry here, and the forms.
 */
interface Column<Stored, Shown> {
  read: (value: Stored) => Shown;
}

const text = <T extends string = string>(): Column<string, T> => ({ read: (value) => value as T });
const optionalText = (): Column<string | null, string | null> => ({ read: (value) => value });
const optionalInt = (): Column<number | null, number | null> => ({ read: (value) => value });
/** SQLite hands booleans back as 0/1. */
const flag = (): Column<SqlBool, boolean> => ({ read: (value) => Boolean(value) });

/** Fields of `UsersRead` that are columns of `users` (the id and counts are not in this list). */
type StoredField = Exclude<keyof UsersRead, 'id' | 'externalAuthCount'>;

export const USER_FIELDS = {
  name: text(),
  username: text(),
  email: text(),
  city: optionalText(),
  birthdate: optionalText(),
  preferredLanguage: text<Language>(),
  gender: text<Gender>(),
  units: text<Units>(),
  height: optionalInt(),
  maxHeartRate: optionalInt(),
  firstDayOfWeek: text<WeekDay>(),
  currency: text<Currency>(),
  accessType: text<UserAccessType>(),
  photoPath: optionalText(),
  active: flag(),
  mfaEnabled: flag(),
  emailVerified: flag(),
  pendingAdminApproval: flag(),
} satisfies { [K in StoredField]: Column<never, UsersRead[K]> };

export type UserField = keyof typeof USER_FIELDS;
export const USER_FIELD_NAMES = Object.keys(USER_FIELDS) as UserField[];

type StoredType<C> = C extends Column<infer Stored, unknown> ? Stored : never;
type Bool = ColumnType<SqlBool, boolean | undefined, boolean>;

/** The `users` columns of the list, as the table type declares them. */
export type UserFieldColumns = {
  [K in UserField]: StoredType<(typeof USER_FIELDS)[K]> extends SqlBool
    ? Bool
    : StoredType<(typeof USER_FIELDS)[K]>;
};

/** What a select of `USER_COLUMNS` returns. */
export type UserColumnsRow = { id: number; externalAuthCount: number } & {
  [K in UserField]: StoredType<(typeof USER_FIELDS)[K]>;
};

export const USER_COLUMNS = [
  'users.id',
  'users.externalAuthCount',
  ...USER_FIELD_NAMES.map((name) => `users.${name}` as const),
] as const;

export function toUsersRead(row: UserColumnsRow): UsersRead {
  const user: Record<string, unknown> = { id: row.id };
  for (const name of USER_FIELD_NAMES) {
    const read = USER_FIELDS[name].read as (value: unknown) => unknown;
    user[name] = read(row[name]);
  }
  user.externalAuthCount = row.externalAuthCount;
  return user as UsersRead;
}

/**
 * The column values among `values`, for an insert or an update: an input may carry more (a
 * password, a step-up), which never reaches the table.
 */
export function userFieldValues<T extends Partial<Pick<UsersRead, UserField>>>(
  values: T,
): Pick<T, Extract<keyof T, UserField>> {
  const picked: Partial<Record<UserField, unknown>> = {};
  for (const name of USER_FIELD_NAMES) {
    if (values[name] !== undefined) picked[name] = values[name];
  }
  return picked as Pick<T, Extract<keyof T, UserField>>;
}
