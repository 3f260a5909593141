import type {
  AvatarProcessedMessage,
  AvatarRejectedMessage,
  AvatarRenditionRef,
  UploadRejectionReason,
} from '@cruddur/shared/contract';
import type { AvatarUpload } from '@cruddur/storage/s3-keys';

/** When S3 took the upload (the event's time) and when the thumbnail decided its outcome. */
export interface OutcomeTimes {
  uploadedAt: string;
  decidedAt: Date;
}

/**
 * The "avatar processed" message of an upload whose renditions are written, with the avatar's
 * placeholder (its ThumbHash in base64) when there is one.
 *
 * @example
 * avatarProcessedMessage(upload, refs, { uploadedAt: record.eventTime, decidedAt: new Date() }, placeholder);
 */
export function avatarProcessedMessage(
  upload: AvatarUpload,
  renditions: AvatarRenditionRef[],
  times: OutcomeTimes,
  placeholder?: string,
): AvatarProcessedMessage {
  return {
    type: 'avatar.processed',
    schemaVersion: 1,
    sub: upload.sub,
    version: upload.uploadId,
    uploadKey: upload.key,
    uploadedAt: times.uploadedAt,
    processedAt: times.decidedAt.toISOString(),
    renditions,
    ...(placeholder === undefined ? {} : { placeholder }),
  };
}

/**
 * The "avatar rejected" message of an upload that can never become an avatar.
 *
 * @example
 * avatarRejectedMessage(upload, 'unsupported-type', { uploadedAt: record.eventTime, decidedAt: new Date() });
 */
export function avatarRejectedMessage(upload: AvatarUpload, reason: UploadRejectionReason, times: OutcomeTimes): AvatarRejectedMessage {
  return {
    type: 'avatar.rejected',
    schemaVersion: 1,
    sub: upload.sub,
    version: upload.uploadId,
    uploadKey: upload.key,
    uploadedAt: times.uploadedAt,
    rejectedAt: times.decidedAt.toISOString(),
    reason,
  };
}
