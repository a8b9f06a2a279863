import { type Kysely, PostgresAdapter } from 'kysely';

// Frozen in time: this file never imports application code.
//
// Personal API keys (docs/api.md §13): only the SHA-256 of a key is stored, with its first
// characters to tell keys apart in a list, its scopes (space-separated) and its lifetime.
// A key goes with its owner (cascade); a revoked key is deleted.

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run against an untyped schema */
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const ms = postgres ? 'bigint' : 'integer';
  const table = postgres
    ? db.schema
        .createTable('api_keys')
        .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : db.schema
        .createTable('api_keys')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
  await table
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('prefix', 'varchar(16)', (c) => c.notNull())
    .addColumn('key_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('scopes', 'varchar(100)', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('last_used_at', ms)
    .addColumn('expires_at', ms)
    .execute();
  await db.schema.createIndex('api_keys_user_idx').on('api_keys').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('api_keys').execute();
}
