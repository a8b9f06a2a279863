import type { UserRow } from '../db/types';
import type { Currency, Gender, Language, Units, UserAccessType, WeekDay } from '../schemas/enums';
import type { UsersRead } from '../schemas/users';

/** Every column a user may be shown with. Never the password hash or the MFA secret. */
export const USER_COLUMNS = [
  'users.id',
  'users.name',
  'users.username',
  'users.email',
  'users.city',
  'users.birthdate',
  'users.preferredLanguage',
  'users.gender',
  'users.units',
  'users.height',
  'users.maxHeartRate',
  'users.firstDayOfWeek',
  'users.currency',
  'users.accessType',
  'users.photoPath',
  'users.active',
  'users.mfaEnabled',
  'users.emailVerified',
  'users.pendingAdminApproval',
] as const;

export type UserColumnsRow = Pick<
  UserRow,
  | 'id'
  | 'name'
  | 'username'
  | 'email'
  | 'city'
  | 'birthdate'
  | 'preferredLanguage'
  | 'gender'
  | 'units'
  | 'height'
  | 'maxHeartRate'
  | 'firstDayOfWeek'
  | 'currency'
  | 'accessType'
  | 'photoPath'
  | 'active'
  | 'mfaEnabled'
  | 'emailVerified'
  | 'pendingAdminApproval'
>;

export function toUsersRead(row: UserColumnsRow): UsersRead {
  return {
    id: row.id,
    name: row.name,
    username: row.username,
    email: row.email,
    city: row.city,
    birthdate: row.birthdate,
    preferredLanguage: row.preferredLanguage as Language,
    gender: row.gender as Gender,
    units: row.units as Units,
    height: row.height,
    maxHeartRate: row.maxHeartRate,
    firstDayOfWeek: row.firstDayOfWeek as WeekDay,
    currency: row.currency as Currency,
    accessType: row.accessType as UserAccessType,
    photoPath: row.photoPath,
    active: Boolean(row.active),
    mfaEnabled: Boolean(row.mfaEnabled),
    emailVerified: Boolean(row.emailVerified),
    pendingAdminApproval: Boolean(row.pendingAdminApproval),
    // Roster has no external identity providers (yet): every account signs in with its password.
    externalAuthCount: 0,
  };
}
