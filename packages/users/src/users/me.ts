import type { Clock } from '../clock';
import type { Db } from '../db/transaction';
import { UserNotFound } from '../errors';
import { getMeExtras, getPrivacySettings, updatePrivacyRow } from '../privacy/privacy.repository';
import type { PrivacySettings, PrivacySettingsUpdate } from '../schemas/privacy';
import type { UsersMe, UsersRead } from '../schemas/users';
import { photoUrlFor } from './photo-files';
import { getUserByIdOr404 } from './users.repository';

export { getPrivacySettings };

/** The signed-in user's own view: the user, their privacy settings and their photo's URL. */
export function toUsersMe(
  user: UsersRead,
  privacy: PrivacySettings,
  account: { hasPassword: boolean; pendingEmail: string | null },
): UsersMe {
  return { ...user, ...privacy, photoUrl: photoUrlFor(user.photoPath), ...account };
}

/** `UsersMe` of a user; `known` saves the user's read when the caller has it (the session). */
export async function getUserMe(
  s: { db: Db; clock: Clock },
  userId: number,
  known?: UsersRead,
): Promise<UsersMe> {
  const user = known ?? (await getUserByIdOr404(s.db, userId));
  const { privacy, ...account } = await getMeExtras(s.db, userId, s.clock.now());
  return toUsersMe(user, privacy, account);
}

export async function updatePrivacySettings(
  s: { db: Db },
  userId: number,
  patch: PrivacySettingsUpdate,
): Promise<PrivacySettings> {
  if (!(await updatePrivacyRow(s.db, userId, patch))) throw new UserNotFound();
  return getPrivacySettings(s.db, userId);
}
