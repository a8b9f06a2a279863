import type { Db } from '../db/transaction';
import type { ServerSettingsRow } from '../db/types';
import type { Currency, PasswordType, Units } from '../schemas/enums';
import type {
  PublicServerSettings,
  ServerSettings,
  ServerSettingsUpdate,
} from '../schemas/settings';

/** The SQL of `server_settings`: one row (id 1), made by the first migration. */

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
  'passwordLoginEnabled',
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
    passwordLoginEnabled: Boolean(row.passwordLoginEnabled),
  };
}

/** The single settings row; the initial migration creates it with the defaults of docs/api.md. */
export async function getServerSettings(db: Db): Promise<ServerSettings> {
  const row = await db
    .selectFrom('serverSettings')
    .select(SETTINGS_COLUMNS)
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return toServerSettings(row);
}

export async function getPublicServerSettings(db: Db): Promise<PublicServerSettings> {
  const { numRecordsPerPage: _hidden, ...publicSettings } = await getServerSettings(db);
  return publicSettings;
}

export async function updateServerSettings(
  db: Db,
  patch: ServerSettingsUpdate,
): Promise<ServerSettings> {
  if (Object.keys(patch).length > 0) {
    await db.updateTable('serverSettings').set(patch).where('id', '=', 1).execute();
  }
  return getServerSettings(db);
}

/** The hash of the one-time setup code, while no admin exists. */
export async function getSetupCodeHash(db: Db): Promise<string | null> {
  const row = await db
    .selectFrom('serverSettings')
    .select('setupCodeHash')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return row.setupCodeHash;
}

export async function setSetupCodeHash(db: Db, hash: string | null): Promise<void> {
  await db.updateTable('serverSettings').set({ setupCodeHash: hash }).where('id', '=', 1).execute();
}

/** Uses the setup code up, only if it is still this one: of two setups at once, one wins. */
export async function takeSetupCode(db: Db, hash: string): Promise<boolean> {
  const result = await db
    .updateTable('serverSettings')
    .set({ setupCodeHash: null })
    .where('id', '=', 1)
    .where('setupCodeHash', '=', hash)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
