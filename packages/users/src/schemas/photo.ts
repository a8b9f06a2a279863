// The photo rules of README › Security, browser-safe so that the upload form checks a file with
// the same limits and says the same thing as the server before sending it.

export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
/** Largest width and height accepted, in pixels. */
export const PHOTO_MAX_SIDE = 4096;
/** Stored photos fit in this square (aspect ratio kept). */
export const PHOTO_STORED_SIDE = 512;

export type PhotoType = 'png' | 'jpeg' | 'webp';

export const PHOTO_MESSAGES = {
  missing: 'Choose a photo to upload.',
  tooLarge: 'This file is larger than 5 MB. Choose a smaller photo.',
  wrongType: 'This file is not a PNG, JPEG or WebP image.',
  tooManyPixels: 'This image is larger than 4096 × 4096 pixels. Choose a smaller one.',
  unreadable: 'This image could not be read. It may be damaged; try another file.',
} as const;

/** How many leading bytes `sniffImageType` needs. */
export const PHOTO_SNIFF_BYTES = 12;

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return signature.every((byte, index) => bytes[offset + index] === byte);
}

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const RIFF = [0x52, 0x49, 0x46, 0x46];
const WEBP = [0x57, 0x45, 0x42, 0x50];

/** The image type the file's first bytes declare, whatever its name or Content-Type say. */
export function sniffImageType(head: Uint8Array): PhotoType | null {
  if (startsWith(head, PNG)) return 'png';
  if (startsWith(head, JPEG)) return 'jpeg';
  if (startsWith(head, RIFF) && startsWith(head, WEBP, 8)) return 'webp';
  return null;
}

/** Stored photo names are chosen by the server: 128 random bits in hex, always WebP. */
export const PHOTO_NAME_PATTERN = /^[a-f0-9]{32}\.webp$/;
