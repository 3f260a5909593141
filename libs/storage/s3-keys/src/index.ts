export { InvalidKeyError, S3KeyError } from './errors';
export {
  ASSETS_PREFIX,
  UPLOADS_PREFIX,
  avatarRenditionKey,
  avatarRenditionRefs,
  avatarRenditionsPrefix,
  avatarUploadKey,
  newUploadId,
  parseAvatarUploadKey,
  renditionKeyVersion,
  uploadIdIssuedAt,
  type AvatarRenditionRef,
  type AvatarUpload,
  type UploadExtension,
} from './layout';
export { decodeS3EventKey, keyToUrlPath } from './event-key';
