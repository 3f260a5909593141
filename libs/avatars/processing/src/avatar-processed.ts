import type { AvatarRenditionRef } from '@cruddur/storage/s3-keys';

/** One stored rendition of an avatar, as announced to subscribers. */
export type { AvatarRenditionRef };

/**
 * The "avatar processed" message. `version` is the upload id: it sorts by upload time, so a
 * subscriber can ignore a message older than the avatar it already has.
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
}

/** Where "avatar processed" messages go (SNS in AWS; a direct call in the local stack). */
export interface AvatarProcessedPublisher {
  publish(message: AvatarProcessedMessage): Promise<void>;
}
