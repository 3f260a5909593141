export { faceFramingFromEnv } from './config';
export type { AvatarProcessedPublisher } from './avatar-processed';
export { thumbnailS3Client } from './aws-clients';
export { PROCESSING_PHASES, RENDITION_CACHE_CONTROL, type ProcessingPhases } from './process-upload';
export { createThumbnailHandler, thumbnailDepsFromEnv } from './thumbnail-handler';
