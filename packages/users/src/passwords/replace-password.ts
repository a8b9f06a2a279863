import type { Clock } from '../clock';
import type { Db } from '../db/transaction';
import { UserNotFound } from '../errors';
import { endUserPendingLogins } from '../auth/pending-login';
import { deleteUserSessions } from '../sessions/sessions';
import { ALL_TOKEN_PURPOSES, voidEmailTokens } from '../tokens/email-tokens';

/** Which sessions a new password ends (SECURITY.md › Sessions). */
export type SessionsAfterPasswordChange =
  { end: 'all' } | { end: 'others'; currentSessionId: string } | { end: 'none' };

/**
 * The one way a password hash is replaced, for every path (reset, change, admin set). In the
 * caller's transaction it also ends every pending sign-in (the old password opened them) and voids
 * every reset, verification and email-change link issued before, and ends the sessions the rule
 * says. Returns how many sessions ended.
 */
export async function replacePasswordHash(
  trx: Db,
  clock: Clock,
  userId: number,
  passwordHash: string,
  sessions: SessionsAfterPasswordChange,
): Promise<number> {
  const result = await trx
    .updateTable('users')
    .set({ passwordHash, updatedAt: clock.now() })
    .where('id', '=', userId)
    .executeTakeFirst();
  // Deleted while the hash was being computed.
  if (Number(result.numUpdatedRows) === 0) throw new UserNotFound();
  await endUserPendingLogins(trx, userId);
  await voidEmailTokens(trx, clock, userId, ALL_TOKEN_PURPOSES);
  if (sessions.end === 'all') return deleteUserSessions(trx, userId);
  if (sessions.end === 'others') return deleteUserSessions(trx, userId, sessions.currentSessionId);
  return 0;
}
