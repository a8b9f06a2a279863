import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// How a session was signed in (`password`, `provider`, `passkey`), so that an account without a
// password can prove itself for a step-up by a sign-in through its provider (or a passkey) in the
// last 10 minutes (docs/api.md §9). Sessions from before are password sign-ins.

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run against an untyped schema */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('sessions')
    .addColumn('sign_in_method', 'varchar(12)', (c) => c.notNull().defaultTo('password'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('sign_in_method').execute();
}
