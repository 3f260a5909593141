import type { AVATAR_METRICS, AvatarMetric, MetricReasons, PlainMetric, ReasonMetric } from '@cruddur/shared/metrics';

/** A service that writes custom metrics: powertools' `service` dimension of its data points. */
export type MetricService = (typeof AVATAR_METRICS)[AvatarMetric]['service'];

/** The metrics one service writes. */
export type MetricsOf<S extends MetricService> = { [M in AvatarMetric]: (typeof AVATAR_METRICS)[M]['service'] extends S ? M : never }[AvatarMetric];

/**
 * Where a handler writes the pipeline's custom metrics (`AVATAR_METRICS`). Typed per service, so a
 * handler can only write its own metrics, and a per-reason metric only with one of its reasons.
 * Never throws: a metric that cannot be written is logged, the request goes on.
 */
export interface AvatarMetrics<S extends MetricService = MetricService> {
  /** One data point of a metric without reason: a count of 1 unless `value` says otherwise (milliseconds for a duration). */
  record(metric: Extract<PlainMetric, MetricsOf<S>>, value?: number): void;
  /** One count of a per-reason metric, under that reason. */
  recordReason<M extends Extract<ReasonMetric, MetricsOf<S>>>(metric: M, reason: MetricReasons[M]): void;
  /** Writes what is buffered; the `publishMetrics` middleware calls it at the end of every invocation. */
  flush(): void;
}

/** What an implementation logs a metric it could not write to. */
export type MetricsLogger = { warn(message: string, ...extra: unknown[]): void };
