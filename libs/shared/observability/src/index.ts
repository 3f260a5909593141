export type { AvatarMetrics, MetricService, MetricsLogger, MetricsOf } from './avatar-metrics';
export { emfLineAvatarMetrics, metricsDisabled, type EmfLineMetricsOptions } from './emf-line-metrics';
export { powertoolsAvatarMetrics, type PowertoolsMetricsOptions } from './powertools-metrics';
export { publishMetrics } from './publish-metrics';
export { lambdaTracer, traceClient, traceLambdaHandler, tracingEnabled } from './tracing';
export type { Tracer } from '@aws-lambda-powertools/tracer';
