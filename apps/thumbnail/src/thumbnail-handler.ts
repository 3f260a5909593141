import middy from '@middy/core';
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { processAvatarUploads, type AvatarProcessorDeps } from '@cruddur/avatar-processing';
import type { S3Event } from 'aws-lambda';

export interface ThumbnailSummary {
  processed: number;
  rejected: number;
}

/** The S3 `ObjectCreated` handler: every record becomes avatar renditions, or a logged rejection. */
export function thumbnailHandler(deps: AvatarProcessorDeps & { logger: Logger }) {
  return middy<S3Event, ThumbnailSummary>()
    .use(injectLambdaContext(deps.logger, { resetKeys: true }))
    .handler(async (event) => {
      const outcomes = await processAvatarUploads(event, deps);
      return {
        processed: outcomes.filter((o) => o.status === 'processed').length,
        rejected: outcomes.filter((o) => o.status === 'rejected').length,
      };
    });
}
