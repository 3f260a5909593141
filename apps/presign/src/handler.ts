import { createPresignHandler, presignDepsFromEnv } from '@cruddur/avatar-upload';

export const handler = createPresignHandler(presignDepsFromEnv(process.env));
