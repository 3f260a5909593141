import { CorruptImageError, HeifResourceError, ImageError, ImageTooLargeError, UnsupportedImageError } from './errors';

// sharp reports every failure as a plain Error; its message is the only thing that tells them apart.
const TOO_LARGE = /exceeds pixel limit/i;
const UNSUPPORTED = /unsupported image format|unsupported (codec|feature)|no decoding plugin/i;
// The machine failed, not the image: these must surface as they are, so the event is retried.
const RESOURCE_FAILURE = /out of memory|cannot allocate|bad_alloc|too many open files|EMFILE|ENOMEM|unable to create thread/i;

/**
 * Turns a failure of sharp while reading an untrusted image into the matching `ImageError`,
 * keeping the original as `cause`; anything unreadable that is not recognised is corrupt. A failure
 * of the machine itself (memory, threads, file handles) is returned unchanged: it says nothing about
 * the image, and the caller should let it be retried rather than reject the upload.
 *
 * @example
 * try { await sharp(bytes).metadata(); } catch (error) { throw toImageError(error); }
 */
export function toImageError(error: unknown): unknown {
  if (error instanceof ImageError || error instanceof HeifResourceError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (RESOURCE_FAILURE.test(message)) return error;
  if (TOO_LARGE.test(message)) return new ImageTooLargeError(undefined, { cause: error });
  if (UNSUPPORTED.test(message)) return new UnsupportedImageError(undefined, { cause: error });
  return new CorruptImageError(undefined, { cause: error });
}
