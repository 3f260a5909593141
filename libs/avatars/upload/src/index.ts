export { UPLOAD_CONTENT_TYPES } from './content-types';
export { DEFAULT_MAX_UPLOAD_BYTES, UploadUrlSigner, presignAvatarUpload, type PresignConfig } from './presign';
export { createPresignHandler, presignDepsFromEnv } from './presign-handler';
