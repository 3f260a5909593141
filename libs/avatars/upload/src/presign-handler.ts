import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { API_ERRORS, type AvatarUploadRequest, avatarUploadRequestSchema } from '@cruddur/shared/contract';
import { type CallerIdentity, bodySchema, callerIdentity, httpApi, jsonResponse, originsFromEnv } from '@cruddur/http/middleware';
import { type AvatarMetrics, type Tracer, lambdaTracer, powertoolsAvatarMetrics, publishMetrics, traceLambdaHandler } from '@cruddur/shared/observability';
import { metricsStage } from '@cruddur/shared/metrics';
import { InvalidKeyError } from '@cruddur/storage/s3-keys';
import type { APIGatewayProxyEventV2WithLambdaAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { PRESIGN_ENV, type PresignConfig, UploadUrlSigner, presignAvatarUpload, presignConfigFromEnv } from './presign';

export type PresignEvent = APIGatewayProxyEventV2WithLambdaAuthorizer<CallerIdentity>;

export interface PresignHandlerDeps {
  signer: UploadUrlSigner;
  config: PresignConfig;
  logger: Logger;
  origins: readonly string[];
  /** `UploadUrlsIssued`, flushed after every invocation. */
  metrics?: AvatarMetrics<'presign'>;
  /** X-Ray: each invocation a subsegment; in Lambda only (see `lambdaTracer`). */
  tracer?: Tracer;
}

/**
 * What the presign function runs on in Lambda, from its environment (see `PRESIGN_ENV`): the
 * execution role's credentials sign the URLs.
 *
 * @example
 * export const handler = createPresignHandler(presignDepsFromEnv(process.env));
 */
export function presignDepsFromEnv(env: NodeJS.ProcessEnv): PresignHandlerDeps {
  const config = presignConfigFromEnv(env);
  const serviceName = env['POWERTOOLS_SERVICE_NAME'] || 'presign';
  const logger = new Logger({ serviceName });
  return {
    // Its S3 client only signs, it sends nothing: no SDK call to trace.
    signer: new UploadUrlSigner(config),
    config,
    logger,
    origins: originsFromEnv(env[PRESIGN_ENV.allowedOrigins]),
    metrics: powertoolsAvatarMetrics({ service: 'presign', logger, stage: metricsStage(env) }),
    tracer: lambdaTracer(serviceName),
  };
}

/**
 * `POST /avatars/key_upload`: a presigned PUT for a new avatar of the caller. The body is checked
 * by the contract's schema with this deploy's cap (400, 413, 415 with a short message).
 *
 * @example
 * export const handler = createPresignHandler(presignDepsFromEnv(process.env));
 */
export function createPresignHandler({ signer, config, logger, origins, metrics, tracer }: PresignHandlerDeps) {
  return middy<PresignEvent, APIGatewayProxyStructuredResultV2>()
    .use(traceLambdaHandler(tracer))
    .use(publishMetrics(metrics, logger))
    .use(
      httpApi({
        logger,
        origins,
        jsonBodyMaxBytes: 1024,
        // The body's 400/413/415 come from bodySchema; what is left is a sub the key layout refuses.
        errorStatuses: [[InvalidKeyError, API_ERRORS.forbidden.status]],
      }),
    )
    .use(bodySchema(avatarUploadRequestSchema({ maxBytes: config.maxBytes })))
    .handler(async (event) => {
      const { sub } = callerIdentity(event);
      const request: AvatarUploadRequest = event.body;
      const ticket = await presignAvatarUpload(signer, config, sub, request);
      logger.info('upload url issued', { key: ticket.key, ...request, expiresAt: ticket.expiresAt });
      metrics?.record('uploadUrlsIssued');
      return jsonResponse(200, ticket);
    });
}
