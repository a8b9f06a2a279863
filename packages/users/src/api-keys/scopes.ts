import type { UsersRead } from '../schemas/users';

/** Whether this user may give or use the admin scopes: an active administrator. */
export function mayUseAdminScopes(
  user: Pick<UsersRead, 'accessType' | 'active' | 'pendingAdminApproval'>,
): boolean {
  return user.accessType === 'admin' && user.active && !user.pendingAdminApproval;
}
