export type { AvatarMetrics, MetricService, MetricsOf } from './avatar-metrics';
export { emfLineAvatarMetrics } from './emf-line-metrics';
export { powertoolsAvatarMetrics } from './powertools-metrics';
export { publishMetrics } from './publish-metrics';
export { lambdaTracer, traceClient, traceLambdaHandler } from './tracing';
export type { Tracer } from '@aws-lambda-powertools/tracer';
