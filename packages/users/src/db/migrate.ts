import { type Kysely, type Migration, type MigrationResultSet, Migrator } from 'kysely';
import * as initial from './migrations/2026_11_28_0001_initial';
import * as adminSearchIndexes from './migrations/2026_11_28_0002_admin_search_indexes';
import * as photoPathIndex from './migrations/2026_11_28_0003_photo_path_index';
import * as adminListCountsAndSearch from './migrations/2026_12_01_0004_admin_list_counts_and_search';
import * as identityProviders from './migrations/2026_12_02_0005_identity_providers';
import * as passkeys from './migrations/2026_12_02_0006_passkeys';
import * as apiKeys from './migrations/2026_12_03_0007_api_keys';
import * as sessionSignInMethod from './migrations/2026_12_03_0008_session_sign_in_method';

/** Listed statically so that bundlers (Next) carry them; file names sort in time order. */
const MIGRATIONS: Record<string, Migration> = {
  '2026_11_28_0001_initial': initial,
  '2026_11_28_0002_admin_search_indexes': adminSearchIndexes,
  '2026_11_28_0003_photo_path_index': photoPathIndex,
  '2026_12_01_0004_admin_list_counts_and_search': adminListCountsAndSearch,
  '2026_12_02_0005_identity_providers': identityProviders,
  '2026_12_02_0006_passkeys': passkeys,
  '2026_12_03_0007_api_keys': apiKeys,
  '2026_12_03_0008_session_sign_in_method': sessionSignInMethod,
};

/** Every migration, oldest first. */
export const MIGRATION_NAMES = Object.keys(MIGRATIONS).sort();

/**
 * Brings the schema up to date. Safe to call from several instances at once: Kysely takes a lock
 * (an advisory lock on PostgreSQL) and each migration runs once.
 */
export async function migrateToLatest<T>(db: Kysely<T>): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(MIGRATIONS) },
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    throw result.error instanceof Error ? result.error : new Error('migration failed');
  }
  return result;
}
