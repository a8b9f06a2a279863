import type { Kysely } from 'kysely';
import { preparedQuery } from '../db/prepared';
import type { Database, PrivacyRow } from '../db/types';
import { UserNotFound } from '../errors';
import type { Visibility } from '../schemas/enums';
import {
  DEFAULT_PRIVACY_SETTINGS,
  HIDE_ACTIVITY_KEYS,
  type PrivacySettings,
  type PrivacySettingsUpdate,
} from '../schemas/privacy';
import type { UsersMe, UsersRead } from '../schemas/users';
import { getUserByIdOr404 } from './queries';

type Db = Kysely<Database>;

/** Where the app serves a stored photo; the route checks who may see it. */
export function photoUrlFor(photoPath: string): string;
export function photoUrlFor(photoPath: string | null): string | null;
export function photoUrlFor(photoPath: string | null): string | null {
  return photoPath ? `/api/photos/${encodeURIComponent(photoPath)}` : null;
}

function toPrivacySettings(row: Omit<PrivacyRow, 'userId'> | undefined): PrivacySettings {
  if (!row) return { ...DEFAULT_PRIVACY_SETTINGS };
  // Spelled out: this runs on every `me.get`.
  return {
    defaultActivityVisibility: row.defaultActivityVisibility as Visibility,
    hideActivityStartTime: Boolean(row.hideActivityStartTime),
    hideActivityLocation: Boolean(row.hideActivityLocation),
    hideActivityMap: Boolean(row.hideActivityMap),
    hideActivityHr: Boolean(row.hideActivityHr),
    hideActivityPower: Boolean(row.hideActivityPower),
    hideActivityCadence: Boolean(row.hideActivityCadence),
    hideActivityElevation: Boolean(row.hideActivityElevation),
    hideActivitySpeed: Boolean(row.hideActivitySpeed),
    hideActivityPace: Boolean(row.hideActivityPace),
    hideActivityLaps: Boolean(row.hideActivityLaps),
    hideActivityWorkoutSetsSteps: Boolean(row.hideActivityWorkoutSetsSteps),
    hideActivityGear: Boolean(row.hideActivityGear),
  };
}

/** Read on every `me.get`: compiled once. */
const findPrivacySettings = preparedQuery((db, userId: number) =>
  db
    .selectFrom('userPrivacySettings')
    .select(['defaultActivityVisibility', ...HIDE_ACTIVITY_KEYS])
    .where('userId', '=', userId),
);

export async function getPrivacySettings(db: Db, userId: number): Promise<PrivacySettings> {
  const [row] = await findPrivacySettings(db, userId);
  return toPrivacySettings(row);
}

/** The signed-in user's own view: the user, their privacy settings and their photo's URL. */
export function toUsersMe(user: UsersRead, privacy: PrivacySettings): UsersMe {
  return { ...user, ...privacy, photoUrl: photoUrlFor(user.photoPath) };
}

export async function getUserMe(db: Db, userId: number, known?: UsersRead): Promise<UsersMe> {
  const user = known ?? (await getUserByIdOr404(db, userId));
  return toUsersMe(user, await getPrivacySettings(db, userId));
}

export async function updatePrivacySettings(
  db: Db,
  userId: number,
  patch: PrivacySettingsUpdate,
): Promise<PrivacySettings> {
  if (Object.keys(patch).length > 0) {
    const result = await db
      .updateTable('userPrivacySettings')
      .set(patch)
      .where('userId', '=', userId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new UserNotFound();
  }
  return getPrivacySettings(db, userId);
}
