import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import type { S3Event } from 'aws-lambda';
import { PROCESSING_ENV, processingConfigFromEnv } from './config';
import { processAvatarUploads } from './process-event';
import type { AvatarProcessorDeps } from './process-upload';
import { snsAvatarProcessedPublisher } from './sns-publisher';

export interface ThumbnailSummary {
  processed: number;
  rejected: number;
  /** Records whose original was already gone (a duplicate delivery after success). */
  skipped: number;
}

export type ThumbnailHandlerDeps = AvatarProcessorDeps & { logger: Logger };

/**
 * What the thumbnail function runs on in Lambda, from its environment (see `PROCESSING_ENV`):
 * a path-style client when `S3_ENDPOINT` is set, and the SNS publisher when a topic is.
 *
 * @example
 * export const handler = createThumbnailHandler(thumbnailDepsFromEnv(process.env));
 */
export function thumbnailDepsFromEnv(env: NodeJS.ProcessEnv): ThumbnailHandlerDeps {
  const endpoint = env[PROCESSING_ENV.s3Endpoint] || undefined;
  const topicArn = env[PROCESSING_ENV.avatarProcessedTopicArn] || undefined;
  return {
    s3: new S3Client({ endpoint, forcePathStyle: endpoint !== undefined }),
    config: processingConfigFromEnv(env),
    publisher: topicArn ? snsAvatarProcessedPublisher(new SNSClient({}), topicArn) : undefined,
    logger: new Logger({ serviceName: env['POWERTOOLS_SERVICE_NAME'] || 'thumbnail' }),
  };
}

/**
 * The S3 `ObjectCreated` handler: every record becomes avatar renditions, or a logged rejection.
 *
 * @example
 * export const handler = createThumbnailHandler(thumbnailDepsFromEnv(process.env));
 */
export function createThumbnailHandler(deps: ThumbnailHandlerDeps) {
  return middy<S3Event, ThumbnailSummary>()
    .use(injectLambdaContext(deps.logger, { resetKeys: true }))
    .handler(async (event) => {
      const outcomes = await processAvatarUploads(event, deps);
      return {
        processed: outcomes.filter((o) => o.status === 'processed').length,
        rejected: outcomes.filter((o) => o.status === 'rejected').length,
        skipped: outcomes.filter((o) => o.status === 'skipped').length,
      };
    });
}
