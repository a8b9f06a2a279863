import { logSecurityEvent } from '../audit/log';
import { type Clock, MINUTE, toIso } from '../clock';
import type { Db } from '../db/transaction';
import { NotFound } from '../errors';
import type { SessionInfo } from '../schemas/outputs';
import type { UsersRead } from '../schemas/users';
import type { RequestMeta, SessionPolicy, SignedIn } from '../services';
import { toUsersRead } from '../users/users.columns';
import { constantTimeEqual, generateId, generateToken, hashToken } from '../util/tokens';
import { describeDevice, deviceParts } from './device';
import {
  deleteSession,
  deleteSessionById,
  deleteSessionByToken,
  deleteSessionsEndedBy,
  deleteUserSessions,
  getLiveSessions,
  getSessionWithUser,
  insertSession,
  type SignInMethod,
  touchSession,
} from './sessions.repository';

export type { SessionPolicy };

export type SessionMeta = RequestMeta;

export interface CreatedSession {
  id: string;
  token: string;
  expiresAt: number;
}

type SessionDeps = { db: Db; clock: Clock; sessionPolicy: SessionPolicy };

/** last_active_at is written at most this often, so a busy session does not write on every read. */
const TOUCH_INTERVAL_MS = MINUTE;

/** A brand-new session: a fresh 256-bit token, of which only the SHA-256 is stored. */
export async function createSession(
  s: SessionDeps,
  userId: number,
  meta: SessionMeta,
  signInMethod: SignInMethod = 'password',
): Promise<CreatedSession> {
  const token = generateToken();
  const id = generateId();
  const now = s.clock.now();
  const expiresAt = now + s.sessionPolicy.maxMs;
  await insertSession(s.db, {
    id,
    tokenHash: hashToken(token),
    userId,
    now,
    expiresAt,
    ip: meta.ip,
    userAgent: meta.userAgent,
    signInMethod,
  });
  return { id, token, expiresAt };
}

export interface ValidSession {
  sessionId: string;
  user: UsersRead;
  /** The cookie may be refreshed to this expiry. */
  expiresAt: number;
  /** How and when this session was signed in (a step-up without a password relies on it). */
  signedIn: SignedIn;
}

/**
 * Resolves a session cookie to its user with one indexed read. An expired, idle, or inactive
 * user's session is deleted and reads as no session at all.
 */
export async function validateSession(s: SessionDeps, token: string): Promise<ValidSession | null> {
  if (!token || token.length > 200) return null;
  const tokenHash = hashToken(token);
  const row = await getSessionWithUser(s.db, tokenHash);
  if (!row || !constantTimeEqual(row.tokenHash, tokenHash)) return null;

  const now = s.clock.now();
  const user = toUsersRead(row);
  const { idleMs } = s.sessionPolicy;
  if (now >= row.expiresAt || now >= row.lastActiveAt + idleMs || !user.active) {
    await deleteSessionById(s.db, row.sessionId);
    return null;
  }
  if (now - row.lastActiveAt >= TOUCH_INTERVAL_MS) await touchSession(s.db, row.sessionId, now);
  return {
    sessionId: row.sessionId,
    user,
    expiresAt: Math.min(row.expiresAt, now + idleMs),
    signedIn: { method: row.signInMethod as SignInMethod, at: row.signedInAt },
  };
}

export async function listUserSessions(
  s: SessionDeps,
  userId: number,
  currentSessionId: string | null,
): Promise<SessionInfo[]> {
  const rows = await getLiveSessions(s.db, userId, s.clock.now(), s.sessionPolicy.idleMs);
  return rows.map((row) => ({
    id: row.id,
    createdAt: toIso(row.createdAt),
    lastActiveAt: toIso(row.lastActiveAt),
    ip: row.ip,
    userAgent: row.userAgent,
    device: describeDevice(row.userAgent),
    ...deviceParts(row.userAgent),
    current: row.id === currentSessionId,
  }));
}

/** Removes sessions past their absolute or idle lifetime; run periodically by the server. */
export function deleteExpiredSessions(s: SessionDeps): Promise<number> {
  return deleteSessionsEndedBy(s.db, s.clock.now(), s.sessionPolicy.idleMs);
}

type AuditDeps = { db: Db; clock: Clock };

/** Signing out: the session row goes, and the log says so. */
export async function signOut(
  s: AuditDeps,
  userId: number,
  meta: RequestMeta,
  token: string | undefined,
): Promise<void> {
  if (token) await deleteSessionByToken(s.db, token);
  await logSecurityEvent(s, { event: 'logout', userId, ...meta });
}

/** The owner ends one of their sessions (ending the current one is signing out). */
export async function revokeOwnSession(
  s: AuditDeps,
  userId: number,
  meta: RequestMeta,
  sessionId: string,
): Promise<void> {
  if (await deleteSession(s.db, userId, sessionId)) {
    await logSecurityEvent(s, { event: 'session_revoked', userId, ...meta });
  }
}

/** The owner ends every session but this one. Returns how many ended. */
export async function revokeOtherOwnSessions(
  s: AuditDeps,
  userId: number,
  meta: RequestMeta,
  currentSessionId: string,
): Promise<number> {
  const revoked = await deleteUserSessions(s.db, userId, currentSessionId);
  await logSecurityEvent(s, {
    event: 'sessions_revoked',
    userId,
    ...meta,
    details: { count: revoked },
  });
  return revoked;
}

export function sessionEnded(): NotFound {
  return new NotFound('This session has already ended.', 'SESSION_ENDED');
}
