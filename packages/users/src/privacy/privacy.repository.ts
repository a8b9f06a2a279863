import { sql } from 'kysely';
import { preparedQuery } from '../db/prepared';
import type { Db } from '../db/transaction';
import type { PrivacyRow } from '../db/types';
import type { Visibility } from '../schemas/enums';
import {
  DEFAULT_PRIVACY_SETTINGS,
  HIDE_ACTIVITY_KEYS,
  type PrivacySettings,
  type PrivacySettingsUpdate,
} from '../schemas/privacy';

/** The SQL of `user_privacy_settings`: one row per user, made with the user. */

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

/** The seed's `createUserDefaultData`: the default rows a new user starts with. */
export async function createUserDefaultData(db: Db, userId: number): Promise<void> {
  await insertDefaultPrivacyRows(db, [userId]);
}

export async function insertDefaultPrivacyRows(db: Db, userIds: number[]): Promise<void> {
  if (userIds.length === 0) return;
  await db
    .insertInto('userPrivacySettings')
    .values(userIds.map((userId) => ({ userId, ...DEFAULT_PRIVACY_SETTINGS })))
    .execute();
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

/** Returns false when the user has no row (is gone). */
export async function updatePrivacyRow(
  db: Db,
  userId: number,
  patch: PrivacySettingsUpdate,
): Promise<boolean> {
  if (Object.keys(patch).length === 0) return true;
  const result = await db
    .updateTable('userPrivacySettings')
    .set(patch)
    .where('userId', '=', userId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * What `me.get` adds to the user, in one read compiled once (it runs on every page): the privacy
 * settings, whether there is a password, and the address of a pending email change. The one read
 * here that looks beyond this table, so that a page costs one query.
 */
const findMeExtras = preparedQuery((db, userId: number, now: number) =>
  db
    .selectFrom('userPrivacySettings')
    .innerJoin('users', 'users.id', 'userPrivacySettings.userId')
    .select([
      'userPrivacySettings.defaultActivityVisibility',
      ...HIDE_ACTIVITY_KEYS.map((key) => `userPrivacySettings.${key}` as const),
    ])
    .select(
      sql<number>`case when users.password_hash is null or users.password_hash = '' then 0 else 1 end`.as(
        'hasPassword',
      ),
    )
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

export async function getMeExtras(
  db: Db,
  userId: number,
  now: number,
): Promise<{ privacy: PrivacySettings; hasPassword: boolean; pendingEmail: string | null }> {
  const [row] = await findMeExtras(db, userId, now);
  return {
    privacy: toPrivacySettings(row),
    hasPassword: Boolean(row?.hasPassword),
    pendingEmail: row?.pendingEmail ?? null,
  };
}
