import { createThumbnailHandler, thumbnailDepsFromEnv } from '@cruddur/avatar-processing';

export const handler = createThumbnailHandler(thumbnailDepsFromEnv(process.env));
