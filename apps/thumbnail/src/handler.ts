import { Logger } from '@aws-lambda-powertools/logger';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { processingConfigFromEnv, snsAvatarProcessedPublisher } from '@cruddur/avatar-processing';
import { thumbnailHandler } from './thumbnail-handler';

const logger = new Logger({ serviceName: process.env['POWERTOOLS_SERVICE_NAME'] ?? 'thumbnail' });
const endpoint = process.env['S3_ENDPOINT'] || undefined;
const topicArn = process.env['AVATAR_PROCESSED_TOPIC_ARN'] || undefined;

export const handler = thumbnailHandler({
  s3: new S3Client({ endpoint, forcePathStyle: endpoint !== undefined }),
  config: processingConfigFromEnv(process.env),
  publisher: topicArn ? snsAvatarProcessedPublisher(new SNSClient({}), topicArn) : undefined,
  logger,
});
