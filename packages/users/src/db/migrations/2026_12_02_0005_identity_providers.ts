import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: this file never imports application code.
//
// Sign-in through OpenID Connect providers (docs/api.md §11):
// - `identity_providers`: one row per provider an admin set up; the client secret is sealed.
// - `user_identities`: `(provider, subject)` linked to a user; `users.external_auth_count` is kept
//   exact by triggers in the same transaction as every insert and delete (a provider removed
//   takes its identities with it).
// - `oidc_flows`: a sign-in or link between its start and its callback, in the database so that
//   any instance can finish what another started; single use (deleted as it is read).
// - `server_settings.password_login_enabled`.

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run against an untyped schema */
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const ms = postgres ? 'bigint' : 'integer';
  const id = (table: ReturnType<Kysely<any>['schema']['createTable']>) =>
    postgres
      ? table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());

  await id(db.schema.createTable('identity_providers'))
    .addColumn('slug', 'varchar(40)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('issuer', 'varchar(500)', (c) => c.notNull())
    .addColumn('client_id', 'varchar(250)', (c) => c.notNull())
    .addColumn('client_secret', 'text')
    .addColumn('token_endpoint_auth_method', 'varchar(30)', (c) =>
      c.notNull().defaultTo('client_secret_basic'),
    )
    .addColumn('scopes', 'varchar(250)', (c) => c.notNull().defaultTo('openid email profile'))
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('allow_signup', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('trust_email_verified', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('auto_link_verified_email', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('require_local_mfa', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('icon_url', 'varchar(500)')
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();

  await id(db.schema.createTable('user_identities'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('provider_id', 'integer', (c) =>
      c.notNull().references('identity_providers.id').onDelete('cascade'),
    )
    .addColumn('subject', 'varchar(255)', (c) => c.notNull())
    .addColumn('email', 'varchar(250)')
    .addColumn('linked_at', ms, (c) => c.notNull())
    .addColumn('last_used_at', ms)
    .addUniqueConstraint('user_identities_provider_subject_key', ['provider_id', 'subject'])
    .execute();
  await db.schema
    .createIndex('user_identities_user_idx')
    .on('user_identities')
    .column('user_id')
    .execute();

  await id(db.schema.createTable('oidc_flows'))
    .addColumn('state_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('provider_id', 'integer', (c) =>
      c.notNull().references('identity_providers.id').onDelete('cascade'),
    )
    .addColumn('purpose', 'varchar(10)', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('browser_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('secrets', 'text', (c) => c.notNull())
    .addColumn('next_path', 'varchar(500)')
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('expires_at', ms, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('oidc_flows_expires_idx')
    .on('oidc_flows')
    .column('expires_at')
    .execute();

  await db.schema
    .alterTable('users')
    .addColumn('external_auth_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('server_settings')
    .addColumn('password_login_enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .execute();

  if (postgres) {
    await sql
      .raw(
        `create function user_identities_count() returns trigger language plpgsql as $$
         begin
           if tg_op = 'INSERT' then
             update users set external_auth_count = external_auth_count + 1 where id = new.user_id;
             return new;
           end if;
           update users set external_auth_count = external_auth_count - 1 where id = old.user_id;
           return old;
         end $$`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger user_identities_count after insert or delete on user_identities
         for each row execute function user_identities_count()`,
      )
      .execute(db);
  } else {
    await sql
      .raw(
        `create trigger user_identities_insert after insert on user_identities begin
           update users set external_auth_count = external_auth_count + 1 where id = new.user_id;
         end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger user_identities_delete after delete on user_identities begin
           update users set external_auth_count = external_auth_count - 1 where id = old.user_id;
         end`,
      )
      .execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  if (postgres) {
    await sql`drop trigger if exists user_identities_count on user_identities`.execute(db);
    await sql`drop function if exists user_identities_count()`.execute(db);
  } else {
    await sql`drop trigger if exists user_identities_insert`.execute(db);
    await sql`drop trigger if exists user_identities_delete`.execute(db);
  }
  await db.schema.dropTable('oidc_flows').execute();
  await db.schema.dropTable('user_identities').execute();
  await db.schema.dropTable('identity_providers').execute();
  await db.schema.alterTable('users').dropColumn('external_auth_count').execute();
  await db.schema.alterTable('server_settings').dropColumn('password_login_enabled').execute();
}
