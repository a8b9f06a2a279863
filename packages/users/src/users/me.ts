import { type Kysely, sql } from 'kysely';
import type { Clock } from '../clock';
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

/**
 * What `me.get` adds to the user, in one read compiled once (it runs on every page): the privacy
 * settings, whether there is a password, and the address of a pending email change.
 */
const findMeExtras = preparedQuery((db, userId: number, now: number) =>
  db
    .selectFrom('userPrivacySettings')
    .innerJoin('users', 'users.id', 'userPrivacySettings.userId')
    .select([
      'userPrivacySettings.defaultActivityVisibility',
      ...HIDE_ACTIVITY_KEYS.map((key) => `userPrivacySettings.${key}` as const),
    ])
    .select(sql<number>`case when users.password_hash is null then 0 else 1 end`.as('hasPassword'))
    .select((eb) =>
      eb
        .selectFrom('emailTokens')
        .select('emailTokens.email')
        .whereRef('emailTokens.userId', '=', 'users.id')
        .where('emailTokens.purpose', '=', 'confirm_email_change')
        .where('emailTokens.usedAt', 'is', null)
        .where('emailTokens.expiresAt', '>', now)
        .orderBy('emailTokens.id', 'desc')
        .limit(1)
        .as('pendingEmail'),
    )
    .where('userPrivacySettings.userId', '=', userId),
);

/** The signed-in user's own view: the user, their privacy settings and their photo's URL. */
export function toUsersMe(
  user: UsersRead,
  privacy: PrivacySettings,
  account: { hasPassword: boolean; pendingEmail: string | null },
): UsersMe {
  return { ...user, ...privacy, photoUrl: photoUrlFor(user.photoPath), ...account };
}

export async function getUserMe(
  s: { db: Db; clock: Clock },
  userId: number,
  known?: UsersRead,
): Promise<UsersMe> {
  const user = known ?? (await getUserByIdOr404(s.db, userId));
  const [row] = await findMeExtras(s.db, userId, s.clock.now());
  return toUsersMe(user, toPrivacySettings(row), {
    hasPassword: Boolean(row?.hasPassword),
    pendingEmail: row?.pendingEmail ?? null,
  });
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
