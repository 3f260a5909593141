import { avatarRenditionRefs, avatarUploadKey, parseAvatarUploadKey } from '@cruddur/storage/s3-keys';

/**
 * An upload id (avatar version) for an upload at `ms` milliseconds since the epoch.
 *
 * @example
 * uploadId(Date.UTC(2026, 0, 1)); // '1767225600000-0123456789abcdef'
 */
export function uploadId(ms: number, random = '0123456789abcdef'): string {
  return `${String(ms).padStart(13, '0')}-${random}`;
}

/**
 * The "avatar processed" message the thumbnail function publishes, built with its own key code.
 * (Typed by its shape, so that this package does not depend on the one that defines the message.)
 *
 * @example
 * const message = avatarProcessedMessage(sub, uploadId(Date.now()));
 */
export function avatarProcessedMessage(sub: string, version: string, sizes: readonly number[] = [512, 128]) {
  const upload = parseAvatarUploadKey(avatarUploadKey(sub, 'png', version));
  return {
    type: 'avatar.processed' as const,
    schemaVersion: 1 as const,
    sub,
    version,
    uploadKey: upload.key,
    uploadedAt: upload.issuedAt.toISOString(),
    processedAt: new Date().toISOString(),
    renditions: avatarRenditionRefs(upload, sizes),
  };
}

/**
 * The "avatar rejected" message the thumbnail function publishes when it refuses an upload.
 *
 * @example
 * const message = avatarRejectedMessage(sub, uploadId(Date.now()), 'unsupported-type');
 */
export function avatarRejectedMessage(sub: string, version: string, reason: string) {
  const upload = parseAvatarUploadKey(avatarUploadKey(sub, 'jpg', version));
  return {
    type: 'avatar.rejected' as const,
    schemaVersion: 1 as const,
    sub,
    version,
    uploadKey: upload.key,
    uploadedAt: upload.issuedAt.toISOString(),
    rejectedAt: new Date().toISOString(),
    reason,
  };
}
