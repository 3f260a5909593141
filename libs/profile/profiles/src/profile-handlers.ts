import { Logger } from '@aws-lambda-powertools/logger';
import { type Database, openDatabase } from '@cruddur/profile/db';
import { originsFromEnv } from '@cruddur/http/middleware';
import { lambdaTracer, powertoolsAvatarMetrics } from '@cruddur/shared/observability';
import { metricsStage } from '@cruddur/shared/metrics';
import { type AvatarProcessedDeps, avatarProcessedHandler } from './avatar-processed-handler';
import { PROFILE_ENV, profileConfigFromEnv } from './config';
import { ProfileConfigError } from './errors';
import { type AvatarCdn, cloudFrontAvatarCdn } from './avatar-cdn';
import { type ProfileRouteDeps, getOwnProfileRoute, getProfileRoute, getUploadStatusRoute, removeAvatarRoute, updateProfileRoute } from './profile-routes';
import { DEFAULT_UPLOAD_STATUS_TIMING } from './upload-status';
import { s3SupersededRenditions } from './superseded-renditions';
import { renditionsDeletedHandler } from './renditions-deleted-handler';

export type ProfileHandlerDeps = ProfileRouteDeps & AvatarProcessedDeps & {
  /** Where deleted renditions are invalidated (CloudFront in AWS); omitted, there is no cache to drop (locally). */
  cdn?: AvatarCdn;
};

/**
 * What the profile functions run on in Lambda, from their environment (see `PROFILE_ENV` and
 * `openDatabase`): the database connects on first use; with `ASSETS_BUCKET` (the subscriber's and
 * removeAvatar's), superseded and removed renditions are deleted there; with
 * `CLOUDFRONT_DISTRIBUTION_ID` (renditionsDeleted's), deleted renditions are invalidated there.
 *
 * @example
 * const deps = profileDepsFromEnv(process.env);
 */
export function profileDepsFromEnv(env: NodeJS.ProcessEnv): ProfileHandlerDeps & { db: Database } {
  const config = profileConfigFromEnv(env);
  const serviceName = env['POWERTOOLS_SERVICE_NAME'] || 'profile';
  const logger = new Logger({ serviceName });
  const assetsBucket = env[PROFILE_ENV.assetsBucket] || undefined;
  const distributionId = env[PROFILE_ENV.distributionId] || undefined;
  return {
    cdn: distributionId
      ? cloudFrontAvatarCdn(async () => new (await import('@aws-sdk/client-cloudfront')).CloudFrontClient({}), distributionId)
      : undefined,
    renditions: assetsBucket
      ? s3SupersededRenditions(async () => new (await import('@aws-sdk/client-s3')).S3Client({}), assetsBucket)
      : undefined,
    db: openDatabase(env),
    logger,
    assetsBaseUrl: config.assetsBaseUrl,
    uploadStatusTiming: { ...DEFAULT_UPLOAD_STATUS_TIMING, uploadUrlExpiresSeconds: config.uploadUrlExpiresSeconds },
    origins: originsFromEnv(env[PROFILE_ENV.allowedOrigins]),
    metrics: powertoolsAvatarMetrics({ service: 'profile', logger, stage: metricsStage(env) }),
    tracer: lambdaTracer(serviceName),
  };
}

/**
 * Every handler of the profile function around one set of dependencies: what its `handler.ts`
 * exports for Lambda, and what the local stack builds around its own PGlite database.
 *
 * @example
 * const { getProfile, getOwnProfile, updateProfile, getUploadStatus, removeAvatar, avatarProcessed, renditionsDeleted } = createProfileHandlers(profileDepsFromEnv(process.env));
 */
export function createProfileHandlers(deps: ProfileHandlerDeps) {
  return {
    getProfile: getProfileRoute(deps),
    getOwnProfile: getOwnProfileRoute(deps),
    updateProfile: updateProfileRoute(deps),
    getUploadStatus: getUploadStatusRoute(deps),
    removeAvatar: removeAvatarRoute(deps),
    avatarProcessed: avatarProcessedHandler(deps),
    /** Only where a CDN is configured: the invalidation of deleted renditions (EventBridge). */
    renditionsDeleted: deps.cdn
      ? renditionsDeletedHandler({ cdn: deps.cdn, logger: deps.logger, tracer: deps.tracer })
      : () => Promise.reject(new ProfileConfigError(`${PROFILE_ENV.distributionId} is not set`)),
  };
}
