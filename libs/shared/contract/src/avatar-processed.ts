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
}
