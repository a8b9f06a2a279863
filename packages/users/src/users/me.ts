import type { Kysely } from 'kysely';
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
  const settings: PrivacySettings = {
    ...DEFAULT_PRIVACY_SETTINGS,
    defaultActivityVisibility: row.defaultActivityVisibility as Visibility,
  };
  for (const key of HIDE_ACTIVITY_KEYS) settings[key] = Boolean(row[key]);
  return settings;
}

export async function getPrivacySettings(db: Db, userId: number): Promise<PrivacySettings> {
  const row = await db
    .selectFrom('userPrivacySettings')
    .select(['defaultActivityVisibility', ...HIDE_ACTIVITY_KEYS])
    .where('userId', '=', userId)
    .executeTakeFirst();
  return toPrivacySettings(row);
}

/** The signed-in user's own view: the user, their privacy settings and their photo's URL. */
export function toUsersMe(user: UsersRead, privacy: PrivacySettings): UsersMe {
  return { ...user, ...privacy, photoUrl: photoUrlFor(user.photoPath) };
}

export async function getUserMe(db: Db, userId: number, known?: UsersRead): Promise<UsersMe> {
  const [user, privacy] = await Promise.all([
    known ?? getUserByIdOr404(db, userId),
    getPrivacySettings(db, userId),
  ]);
  return toUsersMe(user, privacy);
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
