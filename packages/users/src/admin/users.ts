import { logSecurityEvent } from '../audit/log';
import { inTransaction } from '../db/transaction';
import { Conflict, emailTaken, usernameTaken } from '../errors';
import type { UsersAdminUpdate, UsersCreate, UsersListResponse, UsersRead } from '../schemas/users';
import type { RequestMeta, Services } from '../services';
import { deleteAdminApiKeysOfUser, deleteApiKeysOfUser } from '../api-keys/api-keys.repository';
import { mayUseAdminScopes } from '../api-keys/scopes';
import { deleteUserSessions } from '../sessions/sessions.repository';
import { getServerSettings } from '../settings/settings.repository';
import {
  getUserByEmail,
  getUserCounts,
  getUserByUsername,
  getUsersNumber,
  getUsersWithPagination,
  type ListQuery,
  type UserCounts,
} from '../users/users.repository';
import { createUser, deleteUser, editUser, editUserPassword } from '../users/users.service';
import type { AdminActor } from './approval';

/**
 * An admin creates an account (vouching for it: verified and active unless said otherwise). A taken
 * username or email is named, so the form can point at the field: sign-up keeps one generic answer
 * so as not to reveal who has an account, but an admin can list everyone anyway.
 */
export async function adminCreateUser(
  s: Services,
  actor: AdminActor,
  meta: RequestMeta,
  input: UsersCreate,
): Promise<UsersRead> {
  try {
    return await createUser(s, input, async (tx, user) => {
      await logSecurityEvent(tx, {
        event: 'admin_user_created',
        userId: user.id,
        actorId: actor.id,
        ...meta,
        details: { accessType: user.accessType },
      });
    });
  } catch (error) {
    if (!(error instanceof Conflict)) throw error;
    if (await getUserByUsername(s.db, input.username)) throw usernameTaken();
    if (await getUserByEmail(s.db, input.email)) throw emailTaken();
    throw error;
  }
}

/**
 * An admin edits any field. A deactivated account's sessions and API keys end at once, a demoted
 * one's admin keys; the last active admin can be neither demoted nor deactivated.
 */
export async function adminUpdateUser(
  s: Services,
  actor: AdminActor,
  meta: RequestMeta,
  id: number,
  patch: UsersAdminUpdate,
): Promise<UsersRead> {
  return inTransaction(s, async (tx) => {
    const updated = await editUser(tx, id, patch);
    if (!updated.active) {
      await deleteUserSessions(tx.db, id);
      await deleteApiKeysOfUser(tx.db, id);
    } else if (!mayUseAdminScopes(updated)) {
      // No longer an administrator: the keys that carried admin scopes end with the rights.
      await deleteAdminApiKeysOfUser(tx.db, id);
    }
    await logSecurityEvent(tx, {
      event: 'admin_user_updated',
      userId: id,
      actorId: actor.id,
      ...meta,
      details: { fields: Object.keys(patch).join(',') },
    });
    return updated;
  });
}

/**
 * An admin sets a user's password (policy of that user's access type). In the same transaction
 * every session and pending sign-in of theirs ends, so the old password opens nothing any more.
 */
export async function adminSetPassword(
  s: Services,
  actor: AdminActor,
  meta: RequestMeta,
  id: number,
  password: string,
): Promise<void> {
  await editUserPassword(s, id, password, { end: 'all' }, async (tx, _user, revoked) => {
    await logSecurityEvent(tx, {
      event: 'admin_password_set',
      userId: id,
      actorId: actor.id,
      ...meta,
      details: { sessionsRevoked: revoked },
    });
  });
}

/**
 * Deletes a user with everything of theirs (sessions, tokens, codes, privacy row by cascade, and
 * the audit entry, in one transaction; then the photo). The last active admin cannot be deleted,
 * so an admin deletes their own account only while another active admin exists.
 */
export async function adminDeleteUser(
  s: Services,
  actor: AdminActor,
  meta: RequestMeta,
  id: number,
): Promise<void> {
  await deleteUser(s, id, {
    onDeleted: async (tx, user) => {
      await logSecurityEvent(tx, {
        event: 'admin_user_deleted',
        userId: id,
        actorId: actor.id,
        ...meta,
        details: { username: user.username },
      });
    },
  });
}

export interface ListUsersQuery extends ListQuery {
  pageNumber: number;
  /** Page size; the server's `numRecordsPerPage` when not given. */
  numRecords?: number | undefined;
}

/**
 * One page of the admin list with the total that matches, ordered by username. A page past the
 * end is empty but still carries the total, so the caller can step back.
 */
export async function listUsers(
  s: Pick<Services, 'db'>,
  query: ListUsersQuery,
): Promise<UsersListResponse> {
  const pageSize = query.numRecords ?? (await getServerSettings(s.db)).numRecordsPerPage;
  const [total, records] = await Promise.all([
    getUsersNumber(s.db, query),
    getUsersWithPagination(s.db, { ...query, numRecords: pageSize }),
  ]);
  return { total, numRecords: records.length, pageNumber: query.pageNumber, records };
}

/** How many users each filter tab of the dashboard holds (for a search, when given). */
export function countUsersByFilter(s: Pick<Services, 'db'>, search?: string): Promise<UserCounts> {
  return getUserCounts(s.db, search);
}
