import { type DomainError, PayloadTooLarge, PHOTO_MAX_BYTES, PHOTO_MESSAGES } from '@roster/users';

/** At most this many calls in one tRPC batch (docs/api.md): each call may cost a bcrypt hash. */
export const MAX_BATCH_SIZE = 10;
/** Room for the multipart framing around a photo: boundaries, part headers, a long file name. */
const MULTIPART_OVERHEAD = 64 * 1024;
/** A photo upload: the 5 MB photo plus its framing. The procedure checks the file itself. */
export const UPLOAD_BODY_LIMIT = PHOTO_MAX_BYTES + MULTIPART_OVERHEAD;
/** Every other call is a few fields of JSON; a megabyte is generous and bounds what is buffered. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;
const UPLOAD_PATHS = new Set(['me.uploadPhoto']);

export function bodyLimitFor(path: string): number {
  return UPLOAD_PATHS.has(path) ? UPLOAD_BODY_LIMIT : DEFAULT_BODY_LIMIT;
}

/**
 * What a body over its cap is answered with, however it was found out (a declared length, the
 * adapter's count of a streamed body): for a photo, exactly what the procedure itself says.
 */
export function tooLargeError(path: string | undefined): DomainError {
  return path !== undefined && UPLOAD_PATHS.has(path)
    ? new PayloadTooLarge(PHOTO_MESSAGES.tooLarge)
    : new PayloadTooLarge('This request is too large.', 'REQUEST_TOO_LARGE');
}
