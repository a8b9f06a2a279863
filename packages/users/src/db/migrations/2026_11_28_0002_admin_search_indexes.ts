import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: this file never imports application code.
//
// The admin list searches a substring of username, name and email (`like '%…%'`), which no B-tree
// index can answer; the initial migration already indexes the (lowercase) username and each filter
// column with the username for the ordering. What the search needs differs by dialect:
//
// - SQLite walked the unique username index in order and fetched every table row to test name and
//   email (about 0.4 s at 100,000 users for a term that matches nobody). A covering index of the
//   three columns lets the same ordered walk, and the count, read one compact index instead.
// - PostgreSQL answers `like '%…%'` from trigram GIN indexes (pg_trgm, shipped with PostgreSQL
//   and trusted since version 13, so a database owner may create it). Where the extension cannot
//   be installed, the indexes are skipped and search falls back to a sequential scan: slower, still
//   correct, and the migration does not fail on a locked-down server.

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run against an untyped schema */
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) {
    await db.schema
      .createIndex('users_search_idx')
      .on('users')
      .columns(['username', 'email', 'name'])
      .execute();
    return;
  }
  // The exception handler runs the attempt in a subtransaction, so a refusal (no privilege, no
  // contrib files) leaves the migration's own transaction intact.
  await sql`
    do $$
    begin
      if not exists (select 1 from pg_extension where extname = 'pg_trgm')
         and exists (select 1 from pg_available_extensions where name = 'pg_trgm') then
        begin
          create extension pg_trgm;
        exception when others then
          raise notice 'pg_trgm is not available (%); user search will scan the table', sqlerrm;
        end;
      end if;
    end
    $$`.execute(db);
  // The operator class is named with its schema: the extension may live outside the search path.
  await sql`
    do $$
    declare
      trgm_schema name;
    begin
      select n.nspname into trgm_schema
        from pg_opclass c
        join pg_namespace n on n.oid = c.opcnamespace
        join pg_am am on am.oid = c.opcmethod
       where c.opcname = 'gin_trgm_ops' and am.amname = 'gin'
       limit 1;
      if trgm_schema is null then
        return;
      end if;
      execute format('create index users_username_trgm_idx on users using gin (username %I.gin_trgm_ops)', trgm_schema);
      execute format('create index users_email_trgm_idx on users using gin (email %I.gin_trgm_ops)', trgm_schema);
      execute format('create index users_name_trgm_idx on users using gin ((lower(name)) %I.gin_trgm_ops)', trgm_schema);
    end
    $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of [
    'users_search_idx',
    'users_username_trgm_idx',
    'users_email_trgm_idx',
    'users_name_trgm_idx',
  ]) {
    await db.schema.dropIndex(index).ifExists().execute();
  }
}
/* eslint-enable @typescript-eslint/no-explicit-any */
