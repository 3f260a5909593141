import { Logger } from '@aws-lambda-powertools/logger';
import { UploadUrlSigner, presignConfigFromEnv } from '@cruddur/avatar-upload';
import { originsFromEnv } from '@cruddur/http';
import { presignRoute } from './presign-route';

const logger = new Logger({ serviceName: process.env['POWERTOOLS_SERVICE_NAME'] ?? 'presign' });
const config = presignConfigFromEnv(process.env);

export const handler = presignRoute({
  signer: new UploadUrlSigner(config),
  config,
  logger,
  origins: originsFromEnv(process.env['ALLOWED_ORIGINS']),
});
