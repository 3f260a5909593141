import { AVATAR_METRICS, METRICS_NAMESPACE, metricDimensionNames, metricDimensions, metricsStage, type AvatarMetric, type MetricReasons, type PlainMetric, type ReasonMetric } from '@cruddur/shared/metrics';
import type { AvatarMetrics, MetricService, MetricsLogger, MetricsOf } from './avatar-metrics';

export interface EmfLineMetricsOptions {
  logger: MetricsLogger;
  /** Where each EMF document goes, one line each; stdout by default (Lambda sends it to CloudWatch Logs). */
  write?: (line: string) => void;
  now?: () => number;
  /** The environment whose `POWERTOOLS_METRICS_DISABLED` (else `POWERTOOLS_DEV`) turns writing off, as for powertools' Metrics, and whose `CRUDDUR_STAGE` names the stage. */
  env?: NodeJS.ProcessEnv;
}

const TRUTHY = new Set(['1', 't', 'true', 'on', 'yes', 'y']);

/**
 * Whether powertools' Metrics would write nothing in this environment: `POWERTOOLS_METRICS_DISABLED`
 * when set, else `POWERTOOLS_DEV`.
 *
 * @example
 * metricsDisabled({ POWERTOOLS_DEV: 'true' }); // true
 */
export function metricsDisabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const flag = env['POWERTOOLS_METRICS_DISABLED'] ?? env['POWERTOOLS_DEV'];
  return flag !== undefined && TRUTHY.has(flag.trim().toLowerCase());
}

/**
 * Custom metrics as CloudWatch EMF documents, one line per data point, written at once, nothing
 * buffered. For the authorizer only: its bundle budget (60 KB) has no room for powertools' Metrics
 * (12 KB), and it writes one count per denial and nothing per allowed request.
 *
 * @example
 * const metrics = emfLineAvatarMetrics<'authorizer'>({ logger });
 * metrics.recordReason('authorizerDenials', 'expired-token');
 */
export function emfLineAvatarMetrics<S extends MetricService>(options: EmfLineMetricsOptions): AvatarMetrics<S> {
  const disabled = metricsDisabled(options.env);
  const stage = metricsStage(options.env ?? process.env);
  const write = options.write ?? ((line: string) => void process.stdout.write(line));
  const now = options.now ?? Date.now;
  const emit = (metric: AvatarMetric, value: number, reason?: string) => {
    if (disabled) return;
    const { name, unit } = AVATAR_METRICS[metric];
    try {
      const document = {
        _aws: { Timestamp: now(), CloudWatchMetrics: [{ Namespace: METRICS_NAMESPACE, Dimensions: [metricDimensionNames(metric)], Metrics: [{ Name: name, Unit: unit }] }] },
        ...metricDimensions(metric, stage, reason),
        [name]: value,
      };
      write(`${JSON.stringify(document)}\n`);
    } catch (error) {
      options.logger.warn('metric not written', { metric: name, error });
    }
  };
  return {
    record: (metric: Extract<PlainMetric, MetricsOf<S>>, value = 1) => emit(metric, value),
    recordReason: <M extends Extract<ReasonMetric, MetricsOf<S>>>(metric: M, reason: MetricReasons[M]) => emit(metric, 1, reason),
    flush: () => undefined,
  };
}
