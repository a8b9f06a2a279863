import { preparedQuery } from '../db/prepared';
import type { Db } from '../db/transaction';

/**
 * The SQL of `security_events`, an append-only log: rows are inserted and read, never changed, and
 * deleted only with the person they are about, when that person deletes their account.
 */

export interface SecurityEventRowInput {
  event: string;
  userId: number | null;
  actorId: number | null;
  ip: string | null;
  userAgent: string | null;
  details: string | null;
  createdAt: number;
}

/** Written on every sign-in and change: compiled once. */
const insertEventRow = preparedQuery(
  (
    db,
    event: string,
    userId: number | null,
    actorId: number | null,
    ip: string | null,
    userAgent: string | null,
    details: string | null,
    createdAt: number,
  ) =>
    db
      .insertInto('securityEvents')
      .values({ event, userId, actorId, ip, userAgent, details, createdAt }),
);

export async function insertSecurityEvent(db: Db, row: SecurityEventRowInput): Promise<void> {
  await insertEventRow(
    db,
    row.event,
    row.userId,
    row.actorId,
    row.ip,
    row.userAgent,
    row.details,
    row.createdAt,
  );
}

/** Most recent first. With no userId, everyone's (for admins). */
export function getSecurityEvents(db: Db, options: { userId?: number; limit: number }) {
  let query = db
    .selectFrom('securityEvents')
    .select(['id', 'event', 'userId', 'actorId', 'ip', 'userAgent', 'details', 'createdAt'])
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit);
  if (options.userId !== undefined) query = query.where('userId', '=', options.userId);
  return query.execute();
}

/** A person's own activity, when they delete their account (what they did to others stays). */
export async function deleteSecurityEventsOfUser(db: Db, userId: number): Promise<void> {
  await db.deleteFrom('securityEvents').where('userId', '=', userId).execute();
}
