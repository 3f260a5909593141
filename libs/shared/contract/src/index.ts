export {
  AVATAR_CONTENT_TYPES,
  AVATAR_MEDIA_TYPES,
  BIO_MAX_LENGTH,
  DISPLAY_NAME_MAX_LENGTH,
  MAX_UPLOAD_BYTES,
  MAX_UPLOAD_URL_EXPIRES_SECONDS,
  UPLOAD_URL_EXPIRES_SECONDS,
  type AvatarContentType,
  type AvatarMediaType,
} from './limits';
export { isAvatarPlaceholder } from './avatar-placeholder';
export {
  characterCount,
  hasVisibleCharacter,
  profileTextViolation,
  withoutForbiddenCharacters,
  type ProfileTextField,
  type ProfileTextViolation,
} from './profile-text';
export { CallerIdentitySchema, type CallerIdentity } from './identity';
export { API_ERRORS, apiErrorCodeOf } from './api-errors';
export { API_RETRY, UPLOAD_STATUS_POLL, isRetryableAnswer, retryAfterMs, retryDelayMs } from './api-retry';
export {
  AvatarCropSchema,
  CROP_METADATA_HEADER,
  CROP_METADATA_KEY,
  formatAvatarCrop,
  parseAvatarCrop,
  type AvatarCrop,
} from './avatar-crop';
export { faceFramedCrop, frameAvatarSquare, type AvatarSquare, type FaceBox } from './face-framing';
export {
  AvatarUploadRequestSchema,
  AvatarUploadTicketSchema,
  avatarUploadRequestSchema,
  type AvatarUploadRequest,
  type AvatarUploadTicket,
} from './avatar-upload';
export {
  ProfileJsonSchema,
  ProfileUpdateRequestSchema,
  type AvatarJson,
  type ProfileJson,
  type ProfileUpdateRequest,
} from './profile';
export { API_ROUTES, routeKey, routePath, type ApiRoute, type HttpMethod } from './routes';
export { FUNCTION_SIZING, type FunctionName } from './function-sizing';
export { DATABASE_APP_USER, FUNCTION_ENV, parseUploadMaxBytes } from './function-env';
export {
  FUNCTION_COMPONENTS,
  PROFILE_HANDLERS,
  PROJECT_NAME,
  STACK_COMPONENTS,
  functionName,
  profileFunctionName,
  stackName,
  type FunctionComponent,
  type ProfileHandler,
  type SingleFunctionComponent,
  type StackComponent,
} from './deployment';
export { API_CORS, AUTHORIZER_CACHE_TTL_SECONDS, UPLOADS_BUCKET_CORS } from './cors';
export {
  UPLOAD_DECISION_WINDOW_SECONDS,
  UPLOAD_REJECTION_REASONS,
  UploadStatusJsonSchema,
  isUploadRejectionReason,
  type UploadRejectionReason,
  type UploadStatusJson,
} from './upload-status';
export type {
  AvatarProcessedMessage,
  AvatarRejectedMessage,
  AvatarRenditionRef,
  AvatarUploadOutcomeMessage,
} from './avatar-processed';
