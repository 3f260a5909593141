import { CorruptImageError, ImageError, ImageTooLargeError, UnsupportedImageError } from './errors';

// sharp reports every failure as a plain Error; its message is the only thing that tells them apart.
const TOO_LARGE = /exceeds pixel limit/i;
const UNSUPPORTED = /unsupported image format|unsupported (codec|feature)|no decoding plugin/i;

/**
 * Turns a failure of sharp while reading an untrusted image into the matching `ImageError`,
 * keeping the original as `cause`; anything unreadable that is not recognised is corrupt.
 *
 * @example
 * try { await sharp(bytes).metadata(); } catch (error) { throw toImageError(error); }
 */
export function toImageError(error: unknown): ImageError {
  if (error instanceof ImageError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (TOO_LARGE.test(message)) return new ImageTooLargeError(undefined, { cause: error });
  if (UNSUPPORTED.test(message)) return new UnsupportedImageError(undefined, { cause: error });
  return new CorruptImageError(undefined, { cause: error });
}
