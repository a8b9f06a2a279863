import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// Serving /api/photos/<name> looks up the photo's owner by its stored name; without an index that
// read scans the users table on every image request.

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run against an untyped schema */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('users_photo_path_idx').on('users').column('photo_path').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('users_photo_path_idx').execute();
}
/* eslint-enable @typescript-eslint/no-explicit-any */
