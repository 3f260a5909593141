import type { UploadRejectionReason } from '@cruddur/shared/contract';
import { AVATAR_TYPES_LABEL, MAX_AVATAR_BYTES } from './avatar-file';

/**
 * What the page tells a person for each reason the server refuses an upload: what happened and what
 * to try. Keyed by the contract's reasons, so a new reason does not build until it is worded here.
 */
export const UPLOAD_REJECTION_MESSAGES: Readonly<Record<UploadRejectionReason, string>> = Object.freeze({
  'unsupported-type': `We couldn't process that image: the file is not a ${AVATAR_TYPES_LABEL} picture, whatever its name says. Choose a photo saved in one of those formats.`,
  'too-large': `We couldn't process that image: the file is larger than ${MAX_AVATAR_BYTES / (1024 * 1024)} MB. Choose a smaller photo.`,
  'too-large-in-pixels': "We couldn't process that image: it has too many pixels to resize. Choose a photo of a more usual size.",
  corrupt: "We couldn't process that image: the file is damaged or incomplete. Save it again, or choose another photo.",
  missing: 'Your upload was lost before we could process it. Please upload the photo again.',
  'invalid-key': 'Your upload could not be processed. Please upload the photo again.',
});

/** Shown when the server gave up waiting for the upload: the file never arrived, or was lost. */
export const UPLOAD_EXPIRED_MESSAGE = 'Your upload did not arrive in time. Please upload the photo again.';

/** Shown when the server has not decided after the page's wait: not a refusal, only slow. */
export const STILL_PROCESSING_MESSAGE =
  'Your photo is still being processed. It will appear on your profile when it is ready; reload the page in a minute.';

/**
 * The message for a rejection reason, in words for people.
 *
 * @example
 * uploadRejectionMessage('corrupt'); // "We couldn't process that image: the file is damaged or incomplete. …"
 */
export function uploadRejectionMessage(reason: UploadRejectionReason | undefined): string {
  return reason === undefined ? UPLOAD_REJECTION_MESSAGES['unsupported-type'] : UPLOAD_REJECTION_MESSAGES[reason];
}
