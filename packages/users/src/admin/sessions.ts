import { logSecurityEvent } from '../audit/log';
import { inTransaction } from '../db/transaction';
import type { RequestMeta, Services } from '../services';
import { deleteSession, deleteUserSessions } from '../sessions/sessions.repository';
import type { SessionInfo } from '../schemas/outputs';
import { listUserSessions, sessionEnded } from '../sessions/sessions.service';
import { getUserByIdOr404 } from '../users/users.repository';
import type { AdminActor } from './approval';

/** A user's live sessions, newest activity first; `current` marks the admin's own. */
export async function adminListUserSessions(
  s: Pick<Services, 'db' | 'clock' | 'sessionPolicy'>,
  adminSessionId: string | null,
  id: number,
): Promise<SessionInfo[]> {
  await getUserByIdOr404(s.db, id);
  return listUserSessions(s, id, adminSessionId);
}

/** Ends one session of a user; the person is signed out on their next request. */
export async function adminRevokeUserSession(
  s: Services,
  actor: AdminActor,
  meta: RequestMeta,
  id: number,
  sessionId: string,
): Promise<void> {
  await inTransaction(s, async (tx) => {
    await getUserByIdOr404(tx.db, id);
    if (!(await deleteSession(tx.db, id, sessionId))) throw sessionEnded();
    await logSecurityEvent(tx, {
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
  return inTransaction(s, async (tx) => {
    await getUserByIdOr404(tx.db, id);
    const revoked = await deleteUserSessions(tx.db, id);
    await logSecurityEvent(tx, {
      event: 'admin_sessions_revoked',
      userId: id,
      actorId: actor.id,
      ...meta,
      details: { count: revoked },
    });
    return revoked;
  });
}
