import { logSecurityEvent } from '../audit/log';
import { NotFound } from '../errors';
import type { RequestMeta, Services } from '../services';
import {
  deleteSession,
  deleteUserSessions,
  listUserSessions,
  type SessionInfo,
} from '../sessions/sessions';
import { getUserByIdOr404 } from '../users/queries';
import type { AdminActor } from './approval';

/** A user's live sessions, newest activity first; `current` marks the admin's own. */
export async function adminListUserSessions(
  s: Pick<Services, 'db' | 'clock' | 'sessionPolicy'>,
  adminSessionId: string | null,
  id: number,
): Promise<SessionInfo[]> {
  await getUserByIdOr404(s.db, id);
  return listUserSessions(s.db, s.clock, s.sessionPolicy, id, adminSessionId);
}

/** Ends one session of a user; the person is signed out on their next request. */
export async function adminRevokeUserSession(
  s: Services,
  actor: AdminActor,
  meta: RequestMeta,
  id: number,
  sessionId: string,
): Promise<void> {
  await s.db.transaction().execute(async (trx) => {
    await getUserByIdOr404(trx, id);
    if (!(await deleteSession(trx, id, sessionId))) {
      throw new NotFound('This session has already ended.', 'SESSION_ENDED');
    }
    await logSecurityEvent(trx, s.clock, {
      event: 'admin_sessions_revoked',
      userId: id,
      actorId: actor.id,
      ...meta,
      details: { count: 1 },
    });
  });
}

/** Ends every session of a user. Returns how many ended. */
export async function adminRevokeUserSessions(
  s: Services,
  actor: AdminActor,
  meta: RequestMeta,
  id: number,
): Promise<number> {
  return s.db.transaction().execute(async (trx) => {
    await getUserByIdOr404(trx, id);
    const revoked = await deleteUserSessions(trx, id);
    await logSecurityEvent(trx, s.clock, {
      event: 'admin_sessions_revoked',
      userId: id,
      actorId: actor.id,
      ...meta,
      details: { count: revoked },
    });
    return revoked;
  });
}
