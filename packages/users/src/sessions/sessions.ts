import type { Kysely } from 'kysely';
import { type Clock, MINUTE, toIso } from '../clock';
import { preparedQuery } from '../db/prepared';
import type { Database } from '../db/types';
import { type UserColumnsRow, USER_COLUMNS, toUsersRead } from '../users/mapping';
import type { UsersRead } from '../schemas/users';
import { constantTimeEqual, generateId, generateToken, hashToken } from '../util/tokens';
import { describeDevice } from './device';

type Db = Kysely<Database>;

export interface SessionPolicy {
  /** A session unused for this long ends. */
  idleMs: number;
  /** A session ends this long after sign-in, however much it is used. */
  maxMs: number;
}

export interface SessionMeta {
  ip: string | null;
  userAgent: string | null;
}

export interface CreatedSession {
  id: string;
  token: string;
  expiresAt: number;
}

/** last_active_at is written at most this often, so a busy session does not write on every read. */
const TOUCH_INTERVAL_MS = MINUTE;

export async function createSession(
  db: Db,
  clock: Clock,
  policy: SessionPolicy,
  userId: number,
  meta: SessionMeta,
): Promise<CreatedSession> {
  const token = generateToken();
  const id = generateId();
  const now = clock.now();
  const expiresAt = now + policy.maxMs;
  await insertSession(
    db,
    id,
    hashToken(token),
    userId,
    now,
    expiresAt,
    meta.ip?.slice(0, 64) ?? null,
    meta.userAgent?.slice(0, 512) ?? null,
  );
  return { id, token, expiresAt };
}

/** Every sign-in inserts one: compiled once. */
const insertSession = preparedQuery(
  (
    db,
    id: string,
    tokenHash: string,
    userId: number,
    now: number,
    expiresAt: number,
    ip: string | null,
    userAgent: string | null,
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
    }),
);

/** The session check every request makes: one indexed read, compiled once. */
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
    ])
    .where('sessions.tokenHash', '=', tokenHash),
);

const touchSession = preparedQuery((db, now: number, sessionId: string) =>
  db.updateTable('sessions').set({ lastActiveAt: now }).where('id', '=', sessionId),
);

export interface ValidSession {
  sessionId: string;
  user: UsersRead;
  /** The cookie may be refreshed to this expiry. */
  expiresAt: number;
}

/**
 * Resolves a session cookie to its user with one indexed read (session joined to user). An
 * expired, idle, or inactive user's session is deleted and reads as no session at all.
 */
export async function validateSession(
  db: Db,
  clock: Clock,
  policy: SessionPolicy,
  token: string,
): Promise<ValidSession | null> {
  if (!token || token.length > 200) return null;
  const tokenHash = hashToken(token);
  const [row] = await findSessionByHash(db, tokenHash);
  if (!row || !constantTimeEqual(row.tokenHash, tokenHash)) return null;

  const now = clock.now();
  const user = toUsersRead(row satisfies UserColumnsRow);
  if (now >= row.expiresAt || now >= row.lastActiveAt + policy.idleMs || !user.active) {
    await db.deleteFrom('sessions').where('id', '=', row.sessionId).execute();
    return null;
  }
  if (now - row.lastActiveAt >= TOUCH_INTERVAL_MS) await touchSession(db, now, row.sessionId);
  return {
    sessionId: row.sessionId,
    user,
    expiresAt: Math.min(row.expiresAt, now + policy.idleMs),
  };
}

export async function deleteSessionByToken(db: Db, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('tokenHash', '=', hashToken(token)).execute();
}

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

export interface SessionInfo {
  id: string;
  createdAt: string;
  lastActiveAt: string;
  ip: string | null;
  userAgent: string | null;
  /** The user agent in words, e.g. "Firefox on Windows". */
  device: string;
  current: boolean;
}

export async function listUserSessions(
  db: Db,
  clock: Clock,
  policy: SessionPolicy,
  userId: number,
  currentSessionId: string | null,
): Promise<SessionInfo[]> {
  const now = clock.now();
  const rows = await db
    .selectFrom('sessions')
    .select(['id', 'createdAt', 'lastActiveAt', 'ip', 'userAgent'])
    .where('userId', '=', userId)
    .where('expiresAt', '>', now)
    .where('lastActiveAt', '>', now - policy.idleMs)
    .orderBy('lastActiveAt', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    createdAt: toIso(row.createdAt),
    lastActiveAt: toIso(row.lastActiveAt),
    ip: row.ip,
    userAgent: row.userAgent,
    device: describeDevice(row.userAgent),
    current: row.id === currentSessionId,
  }));
}

/** Removes sessions past their absolute or idle lifetime; run periodically by the server. */
export async function deleteExpiredSessions(
  db: Db,
  clock: Clock,
  policy: SessionPolicy,
): Promise<number> {
  const now = clock.now();
  const result = await db
    .deleteFrom('sessions')
    .where((eb) =>
      eb.or([eb('expiresAt', '<=', now), eb('lastActiveAt', '<=', now - policy.idleMs)]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
