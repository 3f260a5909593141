import type { MiddlewareObj } from '@middy/core';
import type { AvatarMetrics, MetricsLogger } from './avatar-metrics';

/**
 * Middy middleware that flushes a handler's metrics after every invocation, answered or failed.
 * A flush that throws is logged and swallowed: a metric never fails a request.
 *
 * @example
 * middy(handler).use(publishMetrics(deps.metrics, deps.logger));
 */
export function publishMetrics(metrics: Pick<AvatarMetrics, 'flush'> | undefined, logger: MetricsLogger): MiddlewareObj {
  const flush = async () => {
    try {
      metrics?.flush();
    } catch (error) {
      logger.warn('metrics not flushed', { error });
    }
  };
  return { after: flush, onError: flush };
}
