import { CorruptImageError, ImageError, ImageTooLargeError, UnsupportedImageError } from '@cruddur/media/image';
import type { UploadRejectionReason } from '@cruddur/shared/contract';
import { S3KeyError } from '@cruddur/storage/s3-keys';
import { RejectedUploadError } from './errors';

/**
 * The contract's reason for an error that means the upload can never become an avatar, or
 * undefined for an error that may pass (S3, SNS) and must fail the event instead.
 *
 * @example
 * rejectionReasonOf(new UnsupportedImageError()); // 'unsupported-type'
 */
export function rejectionReasonOf(error: unknown): UploadRejectionReason | undefined {
  if (error instanceof RejectedUploadError) return error.reason;
  if (error instanceof UnsupportedImageError) return 'unsupported-type';
  if (error instanceof ImageTooLargeError) return 'too-large-in-pixels';
  // Any other image error is about bytes we could not decode.
  if (error instanceof CorruptImageError || error instanceof ImageError) return 'corrupt';
  if (error instanceof S3KeyError) return 'invalid-key';
  return undefined;
}

/**
 * The error as a `RejectedUploadError` with its reason, or undefined when it may pass.
 *
 * @example
 * asRejectedUpload(new ImageTooLargeError())?.reason; // 'too-large-in-pixels'
 */
export function asRejectedUpload(error: unknown): RejectedUploadError | undefined {
  if (error instanceof RejectedUploadError) return error;
  const reason = rejectionReasonOf(error);
  return reason === undefined ? undefined : new RejectedUploadError((error as Error).message, { reason, cause: error });
}
