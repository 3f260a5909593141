import { Logger } from '@aws-lambda-powertools/logger';
import { presignConfigFromEnv, presignS3Client } from '@cruddur/avatar-upload';
import { originsFromEnv } from '@cruddur/http';
import { presignRoute } from './presign-route';

const logger = new Logger({ serviceName: process.env['POWERTOOLS_SERVICE_NAME'] ?? 'presign' });

export const handler = presignRoute({
  s3: presignS3Client({ endpoint: process.env['S3_ENDPOINT'] || undefined }),
  config: presignConfigFromEnv(process.env),
  logger,
  origins: originsFromEnv(process.env['ALLOWED_ORIGINS']),
});
