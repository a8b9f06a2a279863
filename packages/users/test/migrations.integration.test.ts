import { describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../src/index';
import { MIGRATION_NAMES } from '../src/db/migrate';
import { createEmptyPostgresDatabase, TEST_POSTGRES_URL } from '../src/testing';

describe('migrations', () => {
  it('run once and leave the schema up to date (SQLite)', async () => {
    const handle = openDatabase('sqlite::memory:');
    try {
      expect((await migrateToLatest(handle.db)).results?.length).toBeGreaterThan(0);
      expect((await migrateToLatest(handle.db)).results).toEqual([]);
      const settings = await handle.db.selectFrom('serverSettings').selectAll().execute();
      expect(settings).toHaveLength(1);
    } finally {
      await handle.close();
    }
  });

  it.runIf(TEST_POSTGRES_URL)(
    'run once when many instances start at once on one empty PostgreSQL',
    async () => {
      const database = await createEmptyPostgresDatabase();
      const handles = Array.from({ length: 6 }, () => openDatabase(database.url, { poolSize: 2 }));
      try {
        const results = await Promise.all(handles.map((handle) => migrateToLatest(handle.db)));
        const applied = results.flatMap((result) => result.results ?? []);
        // Each migration ran exactly once, whichever instance ran it.
        expect(
          applied
            .filter((migration) => migration.status === 'Success')
            .map((migration) => migration.migrationName)
            .sort(),
        ).toEqual(MIGRATION_NAMES);
        expect(MIGRATION_NAMES.length).toBeGreaterThanOrEqual(4);
        const first = handles[0];
        if (!first) throw new Error('no handle');
        expect(await first.db.selectFrom('serverSettings').selectAll().execute()).toHaveLength(1);
      } finally {
        await Promise.all(handles.map((handle) => handle.close()));
        await database.drop();
      }
    },
  );
});
