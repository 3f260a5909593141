import { AVATAR_METRICS, type AvatarMetric, type MetricReasons, type PlainMetric, type ReasonMetric } from '@cruddur/shared/metrics';
import type { AvatarMetrics, MetricService, MetricsOf } from '@cruddur/shared/observability';

/**
 * The handlers' custom metrics on a laptop: one short line per data point in the stack's log
 * (`metrics: thumbnail UploadsRejected reason=corrupt 1 Count`) instead of EMF JSON documents,
 * which only CloudWatch reads.
 *
 * @example
 * createThumbnailHandler({ ...deps, metrics: localMetrics<'thumbnail'>(log) });
 */
export function localMetrics<S extends MetricService>(log: (line: string) => void): AvatarMetrics<S> {
  const line = (metric: AvatarMetric, value: number, reason?: string) => {
    const { name, service, unit } = AVATAR_METRICS[metric];
    log(`metrics: ${service} ${name}${reason === undefined ? '' : ` reason=${reason}`} ${value} ${unit}`);
  };
  return {
    record: (metric: Extract<PlainMetric, MetricsOf<S>>, value = 1) => line(metric, value),
    recordReason: <M extends Extract<ReasonMetric, MetricsOf<S>>>(metric: M, reason: MetricReasons[M]) => line(metric, 1, reason),
    flush: () => undefined,
  };
}
