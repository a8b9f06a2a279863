import type { Clock } from '../clock';
import type { Db } from '../db/transaction';
import { PHOTO_NAME_PATTERN } from '../schemas/photo';
import type { Services } from '../services';
import { validateSession } from '../sessions/sessions.service';
import {
  deleteUserPhotoFilesystem,
  photoUrlFor,
  processUserImage,
  readPhotoFile,
  writePhotoFile,
} from './photo-files';
import { isPublicProfileEnabled } from './public-profile';
import { updateUserPhoto } from './users.service';
import { getPhotoOwner } from './users.repository';

type PhotoServices = { db: Db; clock: Clock; photosDir: string };

/**
 * Stores a new profile photo for a user. The old file goes only once the database points at the
 * new one, and the new file goes again if the database could not be changed, so no user is ever
 * left pointing at a missing file and no file is left behind.
 */
export async function saveUserImageFile(
  s: PhotoServices,
  userId: number,
  bytes: Uint8Array,
): Promise<{ photoUrl: string }> {
  const encoded = await processUserImage(bytes);
  const name = await writePhotoFile(s.photosDir, encoded);
  let previous: string | null;
  try {
    previous = await updateUserPhoto(s, userId, name);
  } catch (error) {
    await deleteUserPhotoFilesystem(s.photosDir, name);
    throw error;
  }
  await deleteUserPhotoFilesystem(s.photosDir, previous);
  return { photoUrl: photoUrlFor(name) };
}

/** Removes a user's photo: the database first, then the file. */
export async function deleteUserPhoto(s: PhotoServices, userId: number): Promise<void> {
  const previous = await updateUserPhoto(s, userId, null);
  await deleteUserPhotoFilesystem(s.photosDir, previous);
}

/**
 * A stored photo for whoever asks: any signed-in user, or anyone when its owner's profile is
 * public. Null in every other case, without saying which (no such photo, not allowed, file gone).
 */
export async function getPhotoForViewer(
  s: Pick<Services, 'db' | 'clock' | 'sessionPolicy' | 'photosDir'>,
  name: string,
  sessionToken: string | undefined,
): Promise<Buffer | null> {
  if (!PHOTO_NAME_PATTERN.test(name)) return null;
  const owner = await getPhotoOwner(s.db, name);
  if (!owner) return null;
  const viewer = sessionToken ? await validateSession(s, sessionToken) : null;
  if (!viewer && !(owner.active && (await isPublicProfileEnabled(s.db)))) return null;
  return readPhotoFile(s.photosDir, name);
}

/** An API key's owner fetches their own photo (scope `me:read`); any other name is not found. */
export async function getOwnPhoto(
  s: Pick<Services, 'photosDir'>,
  caller: { scopes: readonly string[]; user: { photoPath: string | null } },
  name: string,
): Promise<Buffer | null> {
  if (!caller.scopes.includes('me:read') || caller.user.photoPath !== name) return null;
  if (!PHOTO_NAME_PATTERN.test(name)) return null;
  return readPhotoFile(s.photosDir, name);
}
