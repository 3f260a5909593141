import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { S3Event } from 'aws-lambda';
import {
  type AvatarMetrics,
  type Tracer,
  lambdaTracer,
  powertoolsAvatarMetrics,
  publishMetrics,
  traceClient,
  traceLambdaHandler,
} from '@cruddur/shared/observability';
import { metricsStage } from '@cruddur/shared/metrics';
import { PROCESSING_ENV, faceFramingFromEnv, processingConfigFromEnv } from './config';
import { processAvatarUploads } from './process-event';
import type { AvatarProcessorDeps, RecordOutcome } from './process-upload';
import { thumbnailS3Client, thumbnailSnsClient } from './aws-clients';
import { snsAvatarProcessedPublisher } from './sns-publisher';
import { blazeFaceFinder } from '@cruddur/media/image';

const errorText = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

export interface ThumbnailSummary {
  processed: number;
  rejected: number;
  /** Records whose original was already gone (a duplicate delivery after success). */
  skipped: number;
}

export type ThumbnailHandlerDeps = AvatarProcessorDeps & {
  logger: Logger;
  /** `UploadsProcessed`, `UploadsRejected` by reason and `ProcessingDuration`, flushed after every invocation. */
  metrics?: AvatarMetrics<'thumbnail'>;
  /** X-Ray: each invocation a subsegment; in Lambda only (see `lambdaTracer`). */
  tracer?: Tracer;
};

/**
 * What the thumbnail function runs on in Lambda, from its environment (see `PROCESSING_ENV`):
 * a path-style client when `S3_ENDPOINT` is set, the SNS publisher when a topic is, and the face
 * detector, which starts loading at once (during the function's init).
 *
 * @example
 * export const handler = createThumbnailHandler(thumbnailDepsFromEnv(process.env));
 */
export function thumbnailDepsFromEnv(env: NodeJS.ProcessEnv): ThumbnailHandlerDeps {
  const endpoint = env[PROCESSING_ENV.s3Endpoint] || undefined;
  const topicArn = env[PROCESSING_ENV.avatarProcessedTopicArn] || undefined;
  const serviceName = env['POWERTOOLS_SERVICE_NAME'] || 'thumbnail';
  const logger = new Logger({ serviceName });
  const tracer = lambdaTracer(serviceName);
  const config = processingConfigFromEnv(env);
  // Loads during the function's init, not in its first event.
  const findFaces = faceFramingFromEnv(env)
    ? blazeFaceFinder({ onError: (error) => logger.warn('face detection failed; framing by content', { error: errorText(error) }) })
    : undefined;
  return {
    ...(findFaces === undefined ? {} : { findFaces }),
    s3: traceClient(tracer, thumbnailS3Client({ endpoint })),
    config,
    publisher: topicArn ? snsAvatarProcessedPublisher(traceClient(tracer, thumbnailSnsClient()), topicArn) : undefined,
    logger,
    metrics: powertoolsAvatarMetrics({ service: 'thumbnail', logger, stage: metricsStage(env) }),
    tracer,
  };
}

/** What a processed event adds to the upload funnel's metrics. */
function recordOutcomes(metrics: AvatarMetrics<'thumbnail'> | undefined, outcomes: readonly RecordOutcome[]): void {
  for (const outcome of outcomes) {
    if (outcome.status === 'rejected') metrics?.recordReason('uploadsRejected', outcome.error.reason);
    if (outcome.status !== 'processed') continue;
    metrics?.record('uploadsProcessed');
    const { uploadedAt, processedAt } = outcome.message;
    metrics?.record('processingDuration', Math.max(0, Date.parse(processedAt) - Date.parse(uploadedAt)));
  }
}

/**
 * The S3 `ObjectCreated` handler: every record becomes avatar renditions, or a logged rejection.
 *
 * @example
 * export const handler = createThumbnailHandler(thumbnailDepsFromEnv(process.env));
 */
export function createThumbnailHandler(deps: ThumbnailHandlerDeps) {
  return middy<S3Event, ThumbnailSummary>()
    .use(traceLambdaHandler(deps.tracer))
    .use(publishMetrics(deps.metrics, deps.logger))
    .use(injectLambdaContext(deps.logger, { resetKeys: true }))
    .handler(async (event) => {
      const outcomes = await processAvatarUploads(event, deps);
      recordOutcomes(deps.metrics, outcomes);
      return {
        processed: outcomes.filter((o) => o.status === 'processed').length,
        rejected: outcomes.filter((o) => o.status === 'rejected').length,
        skipped: outcomes.filter((o) => o.status === 'skipped').length,
      };
    });
}
