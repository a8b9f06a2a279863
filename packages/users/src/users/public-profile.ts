import type { Db } from '../db/transaction';
import { NotFound } from '../errors';
import { getServerSettings } from '../settings/settings.repository';
import { photoUrlFor } from './photo-files';
import { getUserByUsername } from './users.repository';

/** All a visitor may learn about a user (README › Security). */
export interface PublicProfile {
  id: number;
  name: string;
  username: string;
  city: string | null;
  photoUrl: string | null;
}

/** Whether anonymous visitors may see a user's name, city and photo (both server switches on). */
export async function isPublicProfileEnabled(db: Db): Promise<boolean> {
  const settings = await getServerSettings(db);
  return settings.publicShareableLinks && settings.publicShareableLinksUserInfo;
}

/**
 * A user's public profile, only while the admin allows public profiles (both public-sharing
 * settings on) and only for an active account. One NOT_FOUND for every refusal, so a visitor
 * cannot tell a switched-off feature from a missing or disabled account.
 */
export async function getPublicProfile(db: Db, username: string): Promise<PublicProfile> {
  const notFound = new NotFound('This profile does not exist or is not public.');
  if (!(await isPublicProfileEnabled(db))) throw notFound;
  const user = await getUserByUsername(db, username);
  if (!user?.active) throw notFound;
  return {
    id: user.id,
    name: user.name,
    username: user.username,
    city: user.city,
    photoUrl: photoUrlFor(user.photoPath),
  };
}
