/**
 * The custom CloudWatch metrics of the avatar pipeline, defined once: the handlers emit them (EMF,
 * via @aws-lambda-powertools/metrics) and infra builds alarms and the dashboard on the same names.
 */

import type { UploadRejectionReason } from '@cruddur/shared/contract';

/** CloudWatch namespace of every custom metric. */
export const METRICS_NAMESPACE = 'Cruddur/Avatars';

/** Dimension every custom metric carries: powertools' `service` (POWERTOOLS_SERVICE_NAME). */
export const SERVICE_DIMENSION = 'service';

/**
 * Dimension every custom metric carries: the stage that wrote it, so that two stages in one account
 * keep apart in dashboards and alarms (each reads its own stage's series).
 */
export const STAGE_DIMENSION = 'stage';

/** The environment variable infra sets on every function to its stage's name (the `stage` dimension's value). */
export const STAGE_ENV = 'CRUDDUR_STAGE';

/** The stage of a process without `CRUDDUR_STAGE`: the local stack and the tests (infra always sets it). */
export const LOCAL_STAGE = 'local';

/**
 * The stage a function's metrics are written for: `CRUDDUR_STAGE`, else `local`.
 *
 * @example
 * metricsStage({ CRUDDUR_STAGE: 'prod' }); // 'prod'
 */
export function metricsStage(env: NodeJS.ProcessEnv): string {
  return env[STAGE_ENV]?.trim() || LOCAL_STAGE;
}

/** Dimension of the metrics counted per reason (`UploadsRejected`, `AuthorizerDenials`). */
export const REASON_DIMENSION = 'reason';

/** Metric names, each with the service that emits it and its unit. */
export const AVATAR_METRICS = Object.freeze({
  /** presign: an upload URL was issued (the funnel's first step). */
  uploadUrlsIssued: { name: 'UploadUrlsIssued', service: 'presign', unit: 'Count' },
  /** thumbnail: an upload's renditions were written. */
  uploadsProcessed: { name: 'UploadsProcessed', service: 'thumbnail', unit: 'Count' },
  /** thumbnail: an upload was refused, with a `reason` dimension (one of `UPLOAD_REJECTION_REASONS`). */
  uploadsRejected: { name: 'UploadsRejected', service: 'thumbnail', unit: 'Count', byReason: true },
  /** thumbnail: milliseconds from the S3 event to the last rendition written. */
  processingDuration: { name: 'ProcessingDuration', service: 'thumbnail', unit: 'Milliseconds' },
  /** profile: a processed avatar was recorded on its profile (the funnel's last step). */
  avatarsRecorded: { name: 'AvatarsRecorded', service: 'profile', unit: 'Count' },
  /** authorizer: a request was denied, with a `reason` dimension (one of `AUTHORIZER_DENIAL_REASONS`). */
  authorizerDenials: { name: 'AuthorizerDenials', service: 'authorizer', unit: 'Count', byReason: true },
} as const);

export type AvatarMetric = keyof typeof AVATAR_METRICS;

/** The metrics written once per reason: every data point carries a `reason` dimension, none is written without. */
export type ReasonMetric = { [M in AvatarMetric]: (typeof AVATAR_METRICS)[M] extends { byReason: true } ? M : never }[AvatarMetric];
/** The metrics written with the `service` and `stage` dimensions alone. */
export type PlainMetric = Exclude<AvatarMetric, ReasonMetric>;

/** The reason values each per-reason metric is written with. */
export interface MetricReasons {
  uploadsRejected: UploadRejectionReason;
  authorizerDenials: AuthorizerDenialReason;
}

/** Reasons the thumbnail function reports on `UploadsRejected`: the contract's, since the page shows them too. */
export { UPLOAD_REJECTION_REASONS, type UploadRejectionReason } from '@cruddur/shared/contract';

/** Reasons the authorizer reports on `AuthorizerDenials`. */
export const AUTHORIZER_DENIAL_REASONS = ['missing-token', 'malformed-token', 'invalid-token', 'expired-token', 'server-error'] as const;
export type AuthorizerDenialReason = (typeof AUTHORIZER_DENIAL_REASONS)[number];

/**
 * The dimension names every data point of a metric carries, in the order the handlers write them:
 * an alarm or dashboard that addresses the metric with other names reads a series nobody writes.
 *
 * @example
 * metricDimensionNames('uploadsRejected'); // ['service', 'reason']
 */
export function metricDimensionNames(metric: AvatarMetric): readonly string[] {
  return 'byReason' in AVATAR_METRICS[metric] ? [SERVICE_DIMENSION, STAGE_DIMENSION, REASON_DIMENSION] : [SERVICE_DIMENSION, STAGE_DIMENSION];
}

/**
 * The dimensions one emitted data point of a metric carries in a stage, so that an alarm or
 * dashboard addresses exactly the series the handler writes.
 *
 * @example
 * metricDimensions('uploadsRejected', 'prod', 'corrupt'); // { service: 'thumbnail', stage: 'prod', reason: 'corrupt' }
 */
export function metricDimensions(metric: AvatarMetric, stage: string, reason?: string): Record<string, string> {
  const { service } = AVATAR_METRICS[metric];
  const dimensions = { [SERVICE_DIMENSION]: service, [STAGE_DIMENSION]: stage };
  return reason === undefined ? dimensions : { ...dimensions, [REASON_DIMENSION]: reason };
}
