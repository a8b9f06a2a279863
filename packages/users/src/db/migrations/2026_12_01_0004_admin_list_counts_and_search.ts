import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: this file never imports application code.
//
// The admin dashboard's list and tabs, fast at 100,000 users on both dialects:
//
// - Counts. `user_counts` holds, in one row, how many users each filter tab holds, kept exact by
//   triggers in the same transaction as every insert, update and delete of a user. A page without
//   a search then reads its total, and the tabs their five counts, without counting 100,000 rows.
//   PostgreSQL uses statement-level triggers with transition tables (one update per statement,
//   even for a multi-row insert); SQLite row triggers (it writes one transaction at a time).
// - Search on SQLite. An FTS5 index with the trigram tokenizer over username, name and email
//   answers a substring of 3 or more characters, punctuation included and case folded, from the
//   index; shorter terms still scan. Triggers keep it in step with the table. PostgreSQL already
//   answers substrings from its trigram indexes (migration 0002).

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run against an untyped schema */
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('user_counts')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pending_approval', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unverified', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('inactive', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('admins', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`
    insert into user_counts (id, total, pending_approval, unverified, inactive, admins)
    select 1,
           count(*),
           count(*) filter (where pending_admin_approval),
           count(*) filter (where not email_verified),
           count(*) filter (where not active),
           count(*) filter (where access_type = 'admin')
      from users`.execute(db);

  if (postgres) {
    for (const [operation, sign, rows] of [
      ['insert', '+', 'new_rows'],
      ['delete', '-', 'old_rows'],
    ] as const) {
      await sql
        .raw(
          `create function user_counts_${operation}() returns trigger language plpgsql as $$
           begin
             update user_counts c set
               total = c.total ${sign} d.total,
               pending_approval = c.pending_approval ${sign} d.pending_approval,
               unverified = c.unverified ${sign} d.unverified,
               inactive = c.inactive ${sign} d.inactive,
               admins = c.admins ${sign} d.admins
             from (select count(*) as total,
                          count(*) filter (where pending_admin_approval) as pending_approval,
                          count(*) filter (where not email_verified) as unverified,
                          count(*) filter (where not active) as inactive,
                          count(*) filter (where access_type = 'admin') as admins
                     from ${rows}) d
             where c.id = 1;
             return null;
           end $$`,
        )
        .execute(db);
      await sql
        .raw(
          `create trigger user_counts_${operation} after ${operation} on users
           referencing ${rows === 'new_rows' ? 'new' : 'old'} table as ${rows}
           for each statement execute function user_counts_${operation}()`,
        )
        .execute(db);
    }
    await sql`
      create function user_counts_update() returns trigger language plpgsql as $$
      begin
        update user_counts c set
          pending_approval = c.pending_approval + d.pending_approval,
          unverified = c.unverified + d.unverified,
          inactive = c.inactive + d.inactive,
          admins = c.admins + d.admins
        from (select coalesce(sum(n.pending_admin_approval::int - o.pending_admin_approval::int), 0) as pending_approval,
                     coalesce(sum(o.email_verified::int - n.email_verified::int), 0) as unverified,
                     coalesce(sum(o.active::int - n.active::int), 0) as inactive,
                     coalesce(sum((n.access_type = 'admin')::int - (o.access_type = 'admin')::int), 0) as admins
                from new_rows n join old_rows o on o.id = n.id) d
        where c.id = 1
          and (d.pending_approval <> 0 or d.unverified <> 0 or d.inactive <> 0 or d.admins <> 0);
        return null;
      end $$`.execute(db);
    await sql`
      create trigger user_counts_update after update on users
      referencing new table as new_rows old table as old_rows
      for each statement execute function user_counts_update()`.execute(db);
    return;
  }

  const delta = (row: 'new' | 'old', sign: '+' | '-') =>
    `total = total ${sign} 1,
     pending_approval = pending_approval ${sign} ${row}.pending_admin_approval,
     unverified = unverified ${sign} (1 - ${row}.email_verified),
     inactive = inactive ${sign} (1 - ${row}.active),
     admins = admins ${sign} (${row}.access_type = 'admin')`;
  await sql
    .raw(
      `create trigger user_counts_insert after insert on users begin
         update user_counts set ${delta('new', '+')} where id = 1;
       end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger user_counts_delete after delete on users begin
         update user_counts set ${delta('old', '-')} where id = 1;
       end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger user_counts_update
         after update of pending_admin_approval, email_verified, active, access_type on users begin
         update user_counts set ${delta('old', '-')} where id = 1;
         update user_counts set ${delta('new', '+')} where id = 1;
       end`,
    )
    .execute(db);

  await sql`
    create virtual table users_fts using fts5(
      username, name, email, content = 'users', content_rowid = 'id', tokenize = 'trigram'
    )`.execute(db);
  await sql`insert into users_fts (users_fts) values ('rebuild')`.execute(db);
  await sql`
    create trigger users_fts_insert after insert on users begin
      insert into users_fts (rowid, username, name, email)
      values (new.id, new.username, new.name, new.email);
    end`.execute(db);
  await sql`
    create trigger users_fts_delete after delete on users begin
      insert into users_fts (users_fts, rowid, username, name, email)
      values ('delete', old.id, old.username, old.name, old.email);
    end`.execute(db);
  await sql`
    create trigger users_fts_update after update of username, name, email on users begin
      insert into users_fts (users_fts, rowid, username, name, email)
      values ('delete', old.id, old.username, old.name, old.email);
      insert into users_fts (rowid, username, name, email)
      values (new.id, new.username, new.name, new.email);
    end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    for (const operation of ['insert', 'update', 'delete']) {
      await sql.raw(`drop trigger if exists user_counts_${operation} on users`).execute(db);
      await sql.raw(`drop function if exists user_counts_${operation}()`).execute(db);
    }
  } else {
    for (const trigger of [
      'user_counts_insert',
      'user_counts_update',
      'user_counts_delete',
      'users_fts_insert',
      'users_fts_update',
      'users_fts_delete',
    ]) {
      await sql.raw(`drop trigger if exists ${trigger}`).execute(db);
    }
    await sql`drop table if exists users_fts`.execute(db);
  }
  await db.schema.dropTable('user_counts').ifExists().execute();
}
/* eslint-enable @typescript-eslint/no-explicit-any */
