import * as z from 'zod/mini';
import { AvatarJsonSchema } from './profile';

/**
 * Why the thumbnail function refused an upload: the reason of its "avatar rejected" message, the
 * `reason` of an upload's status (the page words each one for people) and the `reason` dimension
 * of the `UploadsRejected` metric.
 *
 * @example
 * UPLOAD_REJECTION_REASONS.includes('corrupt'); // true
 */
export const UPLOAD_REJECTION_REASONS = Object.freeze([
  /** Not a JPEG, PNG, WebP, AVIF, GIF, TIFF or HEIC/HEIF (e.g. a PDF named `.jpg`), or empty. */
  'unsupported-type',
  /** More bytes than the deploy's cap. */
  'too-large',
  /** More pixels than the decoder takes (a decompression bomb). */
  'too-large-in-pixels',
  /** Starts like an image but cannot be decoded: truncated or damaged. */
  'corrupt',
  /** Gone from the uploads bucket before it was read. */
  'missing',
  /** Not under the upload key layout: no user's upload, so it is counted but never announced. */
  'invalid-key',
] as const);

export type UploadRejectionReason = (typeof UPLOAD_REJECTION_REASONS)[number];

/**
 * Whether `text` is one of the contract's rejection reasons.
 *
 * @example
 * isUploadRejectionReason('corrupt'); // true
 */
export function isUploadRejectionReason(text: unknown): text is UploadRejectionReason {
  return typeof text === 'string' && (UPLOAD_REJECTION_REASONS as readonly string[]).includes(text);
}

/**
 * Where an upload stands: `pending` until the thumbnail decides; then `ready` (with the avatar it
 * became) or `rejected` (with a reason). `expired` is final too: nothing was decided by the time the
 * upload URL had expired and the processing window passed, so the file never arrived (or was lost).
 */
const UPLOAD_STATUSES = Object.freeze(['pending', 'ready', 'rejected', 'expired'] as const);

/**
 * How long after its upload URL expires an upload may still be decided: Lambda's two asynchronous
 * retries of the thumbnail (about 1 and 2 minutes apart) and SNS's delivery, with room to spare.
 */
export const UPLOAD_DECISION_WINDOW_SECONDS = 10 * 60;

/**
 * The answer of `GET /avatars/uploads/{uploadId}`.
 *
 * @example
 * z.parse(UploadStatusJsonSchema, { status: 'rejected', reason: 'unsupported-type' });
 */
export const UploadStatusJsonSchema = z.object({
  status: z.enum(UPLOAD_STATUSES),
  reason: z.optional(z.enum(UPLOAD_REJECTION_REASONS)),
  avatar: z.optional(AvatarJsonSchema),
});

export type UploadStatusJson = z.infer<typeof UploadStatusJsonSchema>;
