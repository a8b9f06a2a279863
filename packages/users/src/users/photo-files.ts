import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { InvalidInput, PayloadTooLarge, UnsupportedMediaType } from '../errors';
import {
  PHOTO_MAX_BYTES,
  PHOTO_MAX_SIDE,
  PHOTO_MESSAGES,
  PHOTO_STORED_SIDE,
  sniffImageType,
} from '../schemas/photo';

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

/**
 * libvips refuses to decode more pixels than this, so an image whose header claims huge
 * dimensions (a decompression bomb) fails before any pixel memory is allocated.
 */
const PIXEL_LIMIT = PHOTO_MAX_SIDE * PHOTO_MAX_SIDE;

/**
 * Checks an uploaded file against README › Security and re-encodes it: the bytes decide the type,
 * the header the size, and the output is a fresh WebP (no EXIF, no GPS, no colour-profile tricks)
 * that fits in the stored square.
 */
export async function processUserImage(bytes: Uint8Array): Promise<Buffer> {
  if (bytes.byteLength > PHOTO_MAX_BYTES) throw new PayloadTooLarge(PHOTO_MESSAGES.tooLarge);
  if (sniffImageType(bytes) === null) throw new UnsupportedMediaType(PHOTO_MESSAGES.wrongType);
  let width: number;
  let height: number;
  try {
    // Only the header is read here, so no pixel limit is needed; with one, sharp would refuse a
    // large image without saying how large, and the person would not learn what to fix.
    ({ width, height } = await sharp(bytes, { limitInputPixels: false }).metadata());
  } catch {
    throw new InvalidInput(PHOTO_MESSAGES.unreadable, 'file', 'PHOTO_UNREADABLE');
  }
  if (width > PHOTO_MAX_SIDE || height > PHOTO_MAX_SIDE) {
    throw new InvalidInput(PHOTO_MESSAGES.tooManyPixels, 'file', 'PHOTO_DIMENSIONS');
  }
  try {
    // The pixel limit stays on for decoding, should a file's header and data disagree.
    return await sharp(bytes, { limitInputPixels: PIXEL_LIMIT, failOn: 'error' })
      .rotate()
      .resize(PHOTO_STORED_SIDE, PHOTO_STORED_SIDE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 82 })
      .toBuffer();
  } catch {
    throw new InvalidInput(PHOTO_MESSAGES.unreadable, 'file', 'PHOTO_UNREADABLE');
  }
}

/** Writes under a temporary dot-name first, so a reader never sees half a file. */
export async function writePhotoFile(photosDir: string, data: Buffer): Promise<string> {
  await fs.mkdir(photosDir, { recursive: true });
  const name = `${crypto.randomBytes(16).toString('hex')}.webp`;
  const temporary = path.join(photosDir, `.${name}.tmp`);
  try {
    await fs.writeFile(temporary, data, { flag: 'wx', mode: 0o640 });
    await fs.rename(temporary, path.join(photosDir, name));
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
  return name;
}

/** A stored photo's bytes, or null when the file is gone. */
export async function readPhotoFile(photosDir: string, name: string): Promise<Buffer | null> {
  const file = photoFilePath(photosDir, name);
  if (!file) return null;
  try {
    // A photo is data chosen at run time, not a file the build should trace and bundle.
    return await fs.readFile(/* turbopackIgnore: true */ file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Where the app serves a stored photo; the route checks who may see it. */
export function photoUrlFor(photoPath: string): string;
export function photoUrlFor(photoPath: string | null): string | null;
export function photoUrlFor(photoPath: string | null): string | null {
  return photoPath ? `/api/photos/${encodeURIComponent(photoPath)}` : null;
}
