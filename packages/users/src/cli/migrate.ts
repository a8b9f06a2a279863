// `pnpm db:migrate`: applies pending migrations to the configured database and exits. The server
// also migrates at start; this is for deployments that prefer an explicit step.
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db/connection';
import { migrateToLatest } from '../db/migrate';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const database = openDatabase(config.databaseUrl);
  try {
    const result = await migrateToLatest(database.db);
    const applied = result.results ?? [];
    console.log(
      applied.length === 0
        ? 'The database is up to date.'
        : applied.map((migration) => `applied ${migration.migrationName}`).join('\n'),
    );
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
