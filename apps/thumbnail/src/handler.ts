import { createThumbnailHandler, thumbnailDepsFromEnv } from '@cruddur/avatars/processing';

export const handler = createThumbnailHandler(thumbnailDepsFromEnv(process.env));
