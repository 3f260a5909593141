import { createPresignHandler, presignDepsFromEnv } from '@cruddur/avatars/upload';

export const handler = createPresignHandler(presignDepsFromEnv(process.env));
