import { deleteApiKeysOfUser } from '../api-keys/api-keys.repository';
import { deleteUserPendingLogins } from '../auth/pending-logins.repository';
import type { Clock } from '../clock';
import type { Db } from '../db/transaction';
import { UserNotFound } from '../errors';
import { deleteUserSessions } from '../sessions/sessions.repository';
import { ALL_TOKEN_PURPOSES, voidEmailTokens } from '../tokens/email-tokens';
import { updateUserRow } from '../users/users.repository';

/**
 * Which sessions a new password ends (README › Security). `all` (a reset, a password set by an
 * administrator: someone else may have held the account) ends the API keys as well.
 */
export type SessionsAfterPasswordChange =
  { end: 'all' } | { end: 'others'; currentSessionId: string } | { end: 'none' };

/**
 * The one way a password hash is replaced, for every path (reset, change, admin set). In the
 * caller's transaction it also ends every pending sign-in (the old password opened them) and voids
 * every reset, verification and email-change link issued before, and ends the sessions (and keys)
 * the rule says. Returns how many sessions ended.
 */
export async function replacePasswordHash(
  tx: { db: Db; clock: Clock },
  userId: number,
  passwordHash: string,
  sessions: SessionsAfterPasswordChange,
): Promise<number> {
  const changed = await updateUserRow(tx.db, userId, {
    passwordHash,
    updatedAt: tx.clock.now(),
  });
  // Deleted while the hash was being computed.
  if (!changed) throw new UserNotFound();
  await deleteUserPendingLogins(tx.db, userId);
  await voidEmailTokens(tx, userId, ALL_TOKEN_PURPOSES);
  if (sessions.end === 'all') {
    await deleteApiKeysOfUser(tx.db, userId);
    return deleteUserSessions(tx.db, userId);
  }
  if (sessions.end === 'others') {
    return deleteUserSessions(tx.db, userId, sessions.currentSessionId);
  }
  return 0;
}
