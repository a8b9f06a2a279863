import type { Kysely } from 'kysely';
import type { Database, ServerSettingsRow } from '../db/types';
import type { Currency, PasswordType, Units } from '../schemas/enums';
import type {
  PublicServerSettings,
  ServerSettings,
  ServerSettingsUpdate,
} from '../schemas/settings';

const SETTINGS_COLUMNS = [
  'signupEnabled',
  'signupRequireEmailVerification',
  'signupRequireAdminApproval',
  'passwordType',
  'passwordLengthRegularUsers',
  'passwordLengthAdminUsers',
  'units',
  'currency',
  'numRecordsPerPage',
  'publicShareableLinks',
  'publicShareableLinksUserInfo',
] as const;

function toServerSettings(
  row: Pick<ServerSettingsRow, (typeof SETTINGS_COLUMNS)[number]>,
): ServerSettings {
  return {
    signupEnabled: Boolean(row.signupEnabled),
    signupRequireEmailVerification: Boolean(row.signupRequireEmailVerification),
    signupRequireAdminApproval: Boolean(row.signupRequireAdminApproval),
    passwordType: row.passwordType as PasswordType,
    passwordLengthRegularUsers: row.passwordLengthRegularUsers,
    passwordLengthAdminUsers: row.passwordLengthAdminUsers,
    units: row.units as Units,
    currency: row.currency as Currency,
    numRecordsPerPage: row.numRecordsPerPage,
    publicShareableLinks: Boolean(row.publicShareableLinks),
    publicShareableLinksUserInfo: Boolean(row.publicShareableLinksUserInfo),
  };
}

/** The single settings row; the initial migration creates it with the defaults of API.md §5. */
export async function getServerSettings(db: Kysely<Database>): Promise<ServerSettings> {
  const row = await db
    .selectFrom('serverSettings')
    .select(SETTINGS_COLUMNS)
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return toServerSettings(row);
}

export async function getPublicServerSettings(db: Kysely<Database>): Promise<PublicServerSettings> {
  const { numRecordsPerPage: _hidden, ...publicSettings } = await getServerSettings(db);
  return publicSettings;
}

export async function updateServerSettings(
  db: Kysely<Database>,
  patch: ServerSettingsUpdate,
): Promise<ServerSettings> {
  if (Object.keys(patch).length > 0) {
    await db.updateTable('serverSettings').set(patch).where('id', '=', 1).execute();
  }
  return getServerSettings(db);
}
