import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: this file never imports application code, and is written once for SQLite and
// PostgreSQL. Timestamps are epoch milliseconds (bigint), booleans are native booleans (SQLite
// stores them as 0/1).

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run against an untyped schema */
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const ms = postgres ? 'bigint' : 'integer';

  let users = db.schema.createTable('users');
  users = postgres
    ? users.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : users.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
  await users
    .addColumn('name', 'varchar(250)', (c) => c.notNull())
    .addColumn('username', 'varchar(250)', (c) => c.notNull().unique())
    .addColumn('email', 'varchar(250)', (c) => c.notNull().unique())
    .addColumn('password_hash', 'varchar(255)', (c) => c.notNull())
    .addColumn('city', 'varchar(250)')
    .addColumn('birthdate', 'varchar(10)')
    .addColumn('preferred_language', 'varchar(5)', (c) => c.notNull().defaultTo('us'))
    .addColumn('gender', 'varchar(20)', (c) => c.notNull().defaultTo('unspecified'))
    .addColumn('units', 'varchar(20)', (c) => c.notNull().defaultTo('metric'))
    .addColumn('height', 'integer')
    .addColumn('max_heart_rate', 'integer')
    .addColumn('first_day_of_week', 'varchar(20)', (c) => c.notNull().defaultTo('monday'))
    .addColumn('currency', 'varchar(20)', (c) => c.notNull().defaultTo('euro'))
    .addColumn('access_type', 'varchar(20)', (c) => c.notNull().defaultTo('regular'))
    .addColumn('photo_path', 'varchar(250)')
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('mfa_enabled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('mfa_secret', 'varchar(512)')
    .addColumn('mfa_last_used_step', ms)
    .addColumn('email_verified', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('pending_admin_approval', 'boolean', (c) => c.notNull().defaultTo(false))
    // A sign-up whose confirmed address should activate it (cleared when an admin deactivates).
    .addColumn('awaiting_verification', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  // Filter tabs of the admin list; each is small next to the table, so a partial-free plain index
  // is enough for both dialects.
  for (const column of ['pending_admin_approval', 'email_verified', 'active', 'access_type']) {
    await db.schema
      .createIndex(`users_${column}_username_idx`)
      .on('users')
      .columns([column, 'username'])
      .execute();
  }

  await db.schema
    .createTable('user_privacy_settings')
    .addColumn('user_id', 'integer', (c) =>
      c.primaryKey().references('users.id').onDelete('cascade'),
    )
    .addColumn('default_activity_visibility', 'varchar(20)', (c) => c.notNull().defaultTo('public'))
    .addColumn('hide_activity_start_time', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('hide_activity_location', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('hide_activity_map', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('hide_activity_hr', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('hide_activity_power', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('hide_activity_cadence', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('hide_activity_elevation', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('hide_activity_speed', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('hide_activity_pace', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('hide_activity_laps', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('hide_activity_workout_sets_steps', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('hide_activity_gear', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('last_active_at', ms, (c) => c.notNull())
    .addColumn('expires_at', ms, (c) => c.notNull())
    .addColumn('ip', 'varchar(64)')
    .addColumn('user_agent', 'varchar(512)')
    .execute();
  await db.schema.createIndex('sessions_user_id_idx').on('sessions').column('user_id').execute();
  await db.schema
    .createIndex('sessions_expires_at_idx')
    .on('sessions')
    .column('expires_at')
    .execute();

  await db.schema
    .createTable('pending_logins')
    .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('expires_at', ms, (c) => c.notNull())
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ip', 'varchar(64)')
    .addColumn('user_agent', 'varchar(512)')
    .execute();

  await db.schema
    .createTable('server_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('signup_enabled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('signup_require_email_verification', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('signup_require_admin_approval', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('password_type', 'varchar(20)', (c) => c.notNull().defaultTo('strict'))
    .addColumn('password_length_regular_users', 'integer', (c) => c.notNull().defaultTo(8))
    .addColumn('password_length_admin_users', 'integer', (c) => c.notNull().defaultTo(12))
    .addColumn('units', 'varchar(20)', (c) => c.notNull().defaultTo('metric'))
    .addColumn('currency', 'varchar(20)', (c) => c.notNull().defaultTo('euro'))
    .addColumn('num_records_per_page', 'integer', (c) => c.notNull().defaultTo(25))
    .addColumn('public_shareable_links', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('public_shareable_links_user_info', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('setup_code_hash', 'varchar(64)')
    .execute();
  await db.insertInto('server_settings').values({ id: 1 }).execute();

  let emailTokens = db.schema.createTable('email_tokens');
  emailTokens = postgres
    ? emailTokens.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : emailTokens.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
  await emailTokens
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'varchar(20)', (c) => c.notNull())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('email', 'varchar(250)', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('expires_at', ms, (c) => c.notNull())
    .addColumn('used_at', ms)
    .execute();
  await db.schema
    .createIndex('email_tokens_user_purpose_idx')
    .on('email_tokens')
    .columns(['user_id', 'purpose'])
    .execute();

  let outbox = db.schema.createTable('mail_outbox');
  outbox = postgres
    ? outbox.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : outbox.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
  await outbox
    .addColumn('recipient', 'varchar(250)', (c) => c.notNull())
    .addColumn('subject', 'varchar(250)', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', ms, (c) => c.notNull())
    .addColumn('locked_until', ms)
    .addColumn('sent_at', ms)
    .addColumn('last_error', 'varchar(1000)')
    .execute();
  await db.schema
    .createIndex('mail_outbox_pending_idx')
    .on('mail_outbox')
    .columns(['sent_at', 'next_attempt_at'])
    .execute();

  let backupCodes = db.schema.createTable('mfa_backup_codes');
  backupCodes = postgres
    ? backupCodes.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : backupCodes.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
  await backupCodes
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('code_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('used_at', ms)
    .execute();
  await db.schema
    .createIndex('mfa_backup_codes_user_idx')
    .on('mfa_backup_codes')
    .column('user_id')
    .execute();

  let throttle = db.schema.createTable('throttle_events');
  throttle = postgres
    ? throttle.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : throttle.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
  await throttle
    .addColumn('scope', 'varchar(32)', (c) => c.notNull())
    .addColumn('key', 'varchar(300)', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('throttle_events_lookup_idx')
    .on('throttle_events')
    .columns(['scope', 'key', 'created_at'])
    .execute();
  await db.schema
    .createIndex('throttle_events_created_idx')
    .on('throttle_events')
    .column('created_at')
    .execute();

  let events = db.schema.createTable('security_events');
  events = postgres
    ? events.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : events.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
  // No foreign key on user_id: the log outlives the users it mentions.
  await events
    .addColumn('user_id', 'integer')
    .addColumn('actor_id', 'integer')
    .addColumn('event', 'varchar(64)', (c) => c.notNull())
    .addColumn('ip', 'varchar(64)')
    .addColumn('user_agent', 'varchar(512)')
    .addColumn('details', 'varchar(2000)')
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('security_events_user_idx')
    .on('security_events')
    .columns(['user_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'security_events',
    'throttle_events',
    'mfa_backup_codes',
    'mail_outbox',
    'email_tokens',
    'server_settings',
    'pending_logins',
    'sessions',
    'user_privacy_settings',
    'users',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
/* eslint-enable @typescript-eslint/no-explicit-any */
