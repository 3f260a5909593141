import type { UploadRejectionReason } from './upload-status';

/** One stored rendition of an avatar: its size, encoding and assets-bucket key. */
export interface AvatarRenditionRef {
  size: number;
  format: 'webp' | 'jpeg';
  contentType: string;
  key: string;
}

/**
 * The "avatar processed" message the thumbnail function publishes and the profile backend
 * consumes. `version` is the upload id: it sorts by upload time, so a subscriber can ignore a
 * message older than the avatar it already has.
 */
export interface AvatarProcessedMessage {
  type: 'avatar.processed';
  schemaVersion: 1;
  sub: string;
  version: string;
  uploadKey: string;
  uploadedAt: string;
  processedAt: string;
  renditions: AvatarRenditionRef[];
  /**
   * The avatar square's ThumbHash in standard base64 (see `isAvatarPlaceholder`). Optional, so the
   * schema stays version 1: a thumbnail deployed before it sends none, a subscriber deployed before
   * it ignores it (subscribers read the fields they know).
   */
  placeholder?: string;
}

/**
 * The "avatar rejected" message: the thumbnail refused an upload, for `reason`. A new message type
 * on the same topic (not a new field of the processed one), so a subscriber that predates it drops
 * it as a type it does not know, and a processed message stays what every subscriber reads.
 */
export interface AvatarRejectedMessage {
  type: 'avatar.rejected';
  schemaVersion: 1;
  sub: string;
  /** The upload id, as in `AvatarProcessedMessage`. */
  version: string;
  uploadKey: string;
  uploadedAt: string;
  rejectedAt: string;
  reason: UploadRejectionReason;
}

/** Every message the thumbnail publishes about an upload's outcome; `type` tells them apart. */
export type AvatarUploadOutcomeMessage = AvatarProcessedMessage | AvatarRejectedMessage;
