import fs from 'node:fs/promises';
import path from 'node:path';

/** Photo files live flat in one folder under server-chosen names; a stored path is only its name. */
export function photoFilePath(photosDir: string, photoPath: string): string | null {
  const name = path.basename(photoPath);
  if (name !== photoPath || name.startsWith('.')) return null;
  return path.join(photosDir, name);
}

/** Removes a user's photo file; a file already gone is not an error. */
export async function deleteUserPhotoFilesystem(
  photosDir: string,
  photoPath: string | null,
): Promise<void> {
  if (!photoPath) return;
  const file = photoFilePath(photosDir, photoPath);
  if (!file) return;
  await fs.rm(file, { force: true });
}
