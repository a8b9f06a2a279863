import { preparedQuery } from '../db/prepared';
import type { Db } from '../db/transaction';
import { USER_COLUMNS } from '../users/users.columns';
import { hashToken } from '../util/tokens';

/** The SQL of `sessions`. Tokens arrive here only to be hashed: only their SHA-256 is stored. */

export interface NewSession {
  id: string;
  tokenHash: string;
  userId: number;
  now: number;
  expiresAt: number;
  ip: string | null;
  userAgent: string | null;
  signInMethod: SignInMethod;
}

/** How a session was signed in. */
export type SignInMethod = 'password' | 'provider' | 'passkey';

/** Every sign-in inserts one: compiled once. */
const insertSessionRow = preparedQuery(
  (
    db,
    id: string,
    tokenHash: string,
    userId: number,
    now: number,
    expiresAt: number,
    ip: string | null,
    userAgent: string | null,
    signInMethod: string,
  ) =>
    db.insertInto('sessions').values({
      id,
      tokenHash,
      userId,
      createdAt: now,
      lastActiveAt: now,
      expiresAt,
      ip,
      userAgent,
      signInMethod,
    }),
);

export async function insertSession(db: Db, session: NewSession): Promise<void> {
  await insertSessionRow(
    db,
    session.id,
    session.tokenHash,
    session.userId,
    session.now,
    session.expiresAt,
    session.ip?.slice(0, 64) ?? null,
    session.userAgent?.slice(0, 512) ?? null,
    session.signInMethod,
  );
}

/** The session check every request makes: one indexed read (session joined to its user). */
const findSessionByHash = preparedQuery((db, tokenHash: string) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.userId')
    .select([
      ...USER_COLUMNS,
      'sessions.id as sessionId',
      'sessions.tokenHash',
      'sessions.lastActiveAt',
      'sessions.expiresAt',
      'sessions.createdAt as signedInAt',
      'sessions.signInMethod',
    ])
    .where('sessions.tokenHash', '=', tokenHash),
);

export async function getSessionWithUser(db: Db, tokenHash: string) {
  const [row] = await findSessionByHash(db, tokenHash);
  return row;
}

const touchSessionRow = preparedQuery((db, now: number, sessionId: string) =>
  db.updateTable('sessions').set({ lastActiveAt: now }).where('id', '=', sessionId),
);

export async function touchSession(db: Db, sessionId: string, now: number): Promise<void> {
  await touchSessionRow(db, now, sessionId);
}

export async function deleteSessionById(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function deleteSessionByToken(db: Db, token: string): Promise<boolean> {
  const result = await db
    .deleteFrom('sessions')
    .where('tokenHash', '=', hashToken(token))
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Ends one session of a user; false when it was not theirs or already gone. */
export async function deleteSession(db: Db, userId: number, sessionId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('sessions')
    .where('id', '=', sessionId)
    .where('userId', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Ends every session of a user, or every one but `exceptSessionId`. Returns how many ended. */
export async function deleteUserSessions(
  db: Db,
  userId: number,
  exceptSessionId?: string,
): Promise<number> {
  let query = db.deleteFrom('sessions').where('userId', '=', userId);
  if (exceptSessionId) query = query.where('id', '!=', exceptSessionId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export function getLiveSessions(db: Db, userId: number, now: number, idleMs: number) {
  return db
    .selectFrom('sessions')
    .select(['id', 'createdAt', 'lastActiveAt', 'ip', 'userAgent'])
    .where('userId', '=', userId)
    .where('expiresAt', '>', now)
    .where('lastActiveAt', '>', now - idleMs)
    .orderBy('lastActiveAt', 'desc')
    .execute();
}

/** Removes sessions past their absolute or idle lifetime. */
export async function deleteSessionsEndedBy(db: Db, now: number, idleMs: number): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expiresAt', '<=', now), eb('lastActiveAt', '<=', now - idleMs)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
