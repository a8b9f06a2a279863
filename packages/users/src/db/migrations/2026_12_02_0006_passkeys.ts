import { type Kysely, PostgresAdapter } from 'kysely';

// Frozen in time: this file never imports application code.
//
// Passkeys (docs/api.md §12):
// - `passkeys`: a WebAuthn credential of a user (its public key, never a secret), with the
//   signature counter last seen.
// - `webauthn_challenges`: a registration or sign-in ceremony between its options and its answer,
//   stored hashed, single use (deleted as it is read), 5 minutes, tied to the browser.

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run against an untyped schema */
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const ms = postgres ? 'bigint' : 'integer';
  const id = (table: ReturnType<Kysely<any>['schema']['createTable']>) =>
    postgres
      ? table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());

  await id(db.schema.createTable('passkeys'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('credential_id', 'varchar(1400)', (c) => c.notNull().unique())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('counter', ms, (c) => c.notNull().defaultTo(0))
    .addColumn('transports', 'varchar(200)')
    .addColumn('device_type', 'varchar(20)', (c) => c.notNull())
    .addColumn('backed_up', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('last_used_at', ms)
    .execute();
  await db.schema.createIndex('passkeys_user_idx').on('passkeys').column('user_id').execute();

  await id(db.schema.createTable('webauthn_challenges'))
    .addColumn('challenge_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('purpose', 'varchar(12)', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('browser_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('expires_at', ms, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('webauthn_challenges_expires_idx')
    .on('webauthn_challenges')
    .column('expires_at')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('webauthn_challenges').execute();
  await db.schema.dropTable('passkeys').execute();
}
