import { ImageError, ImageTooLargeError, UnsupportedImageError } from '@cruddur/media/image';
import type { UploadRejectionReason } from '@cruddur/shared/metrics';
import type { S3KeyError } from '@cruddur/storage/s3-keys';

/**
 * The short reason code of an upload refused because of its bytes or its key.
 *
 * @example
 * rejectionReasonOf(new ImageTooLargeError()); // 'too-large-in-pixels'
 */
export function rejectionReasonOf(error: ImageError | S3KeyError): UploadRejectionReason {
  if (error instanceof UnsupportedImageError) return 'unsupported-type';
  if (error instanceof ImageTooLargeError) return 'too-large-in-pixels';
  // Any other image error is a file that starts like an image and cannot be decoded.
  return error instanceof ImageError ? 'corrupt' : 'invalid-key';
}
