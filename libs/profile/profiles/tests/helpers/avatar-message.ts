import { type AvatarProcessedMessage, renditionRefs } from '@cruddur/avatar-processing';
import { avatarUploadKey, parseAvatarUploadKey } from '@cruddur/s3-keys';

/** An upload id (avatar version) for an upload at `ms` milliseconds since the epoch. */
export function uploadId(ms: number, random = '0123456789abcdef'): string {
  return `${String(ms).padStart(13, '0')}-${random}`;
}

/** The "avatar processed" message the thumbnail function publishes, built with its own key code. */
export function avatarProcessedMessage(sub: string, version: string, sizes: readonly number[] = [512, 128]): AvatarProcessedMessage {
  const upload = parseAvatarUploadKey(avatarUploadKey(sub, 'png', version));
  return {
    type: 'avatar.processed',
    schemaVersion: 1,
    sub,
    version,
    uploadKey: upload.key,
    uploadedAt: upload.issuedAt.toISOString(),
    processedAt: new Date().toISOString(),
    renditions: renditionRefs(upload, sizes),
  };
}
