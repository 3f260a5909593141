import { Metrics, type MetricUnit } from '@aws-lambda-powertools/metrics';
import { AVATAR_METRICS, METRICS_NAMESPACE, REASON_DIMENSION, STAGE_DIMENSION, type MetricReasons, type PlainMetric, type ReasonMetric } from '@cruddur/shared/metrics';
import type { AvatarMetrics, MetricService, MetricsLogger, MetricsOf } from './avatar-metrics';

type Unit = (typeof MetricUnit)[keyof typeof MetricUnit];

export interface PowertoolsMetricsOptions<S extends MetricService> {
  service: S;
  logger: MetricsLogger;
  /** The stage every data point names (its `stage` dimension): `metricsStage(env)` in a handler's deps. */
  stage: string;
  /** The powertools instance to write through; by default one in `METRICS_NAMESPACE` with `service` and `stage` as its default dimensions. */
  metrics?: Metrics;
}

/**
 * Custom metrics as CloudWatch EMF documents on stdout, through `@aws-lambda-powertools/metrics`:
 * metrics without reason are buffered and written as one document by `flush()`; a per-reason
 * count is written at once as its own document, since its `reason` dimension is not the others'.
 *
 * @example
 * const metrics = powertoolsAvatarMetrics({ service: 'thumbnail', logger, stage: metricsStage(process.env) });
 * metrics.record('uploadsProcessed');
 * metrics.recordReason('uploadsRejected', 'corrupt');
 * metrics.flush();
 */
export function powertoolsAvatarMetrics<S extends MetricService>(options: PowertoolsMetricsOptions<S>): AvatarMetrics<S> {
  const { logger } = options;
  const metrics = options.metrics ?? new Metrics({ namespace: METRICS_NAMESPACE, serviceName: options.service, defaultDimensions: { [STAGE_DIMENSION]: options.stage } });
  const safely = (metric: string, write: () => void) => {
    try {
      write();
    } catch (error) {
      logger.warn('metric not written', { metric, error });
    }
  };
  return {
    record(metric: Extract<PlainMetric, MetricsOf<S>>, value = 1) {
      const { name, unit } = AVATAR_METRICS[metric];
      safely(name, () => metrics.addMetric(name, unit as Unit, value));
    },
    recordReason<M extends Extract<ReasonMetric, MetricsOf<S>>>(metric: M, reason: MetricReasons[M]) {
      const { name, unit } = AVATAR_METRICS[metric];
      safely(name, () => metrics.singleMetric().addDimension(REASON_DIMENSION, reason).addMetric(name, unit as Unit, 1));
    },
    flush() {
      // An empty flush would log powertools' "No application metrics to publish" warning.
      safely('(flush)', () => {
        if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
      });
    },
  };
}
