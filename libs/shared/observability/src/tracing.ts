import type * as PowertoolsTracer from '@aws-lambda-powertools/tracer';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { MiddlewareObj } from '@middy/core';

/**
 * Whether powertools' Tracer would trace in this environment: inside Lambda (`AWS_EXECUTION_ENV`),
 * not in SAM local or Amplify's mock, unless `POWERTOOLS_TRACE_ENABLED=false`.
 *
 * @example
 * tracingEnabled({ AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x' }); // true
 */
export function tracingEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const executionEnv = env['AWS_EXECUTION_ENV'] ?? '';
  if ((env['POWERTOOLS_TRACE_ENABLED'] ?? '').toLowerCase() === 'false') return false;
  return executionEnv !== '' && executionEnv !== 'AWS_Lambda_amplify-mock' && !env['AWS_SAM_LOCAL'];
}

/**
 * An X-Ray tracer for a function, or `undefined` where it would not trace (tests, the local stack,
 * benchmarks), decided from `process.env` as the Tracer itself decides. The X-Ray SDK is loaded only
 * when it traces: loading it installs async hooks that slow every promise of the process, traced or
 * not (aws/aws-xray-sdk-node#420). Plain HTTP(S) calls are not captured: the only ones made are the
 * SDK's, already captured per client by {@link traceClient}.
 *
 * @example
 * const tracer = lambdaTracer('thumbnail');
 * const s3 = traceClient(tracer, new S3Client({}));
 */
export function lambdaTracer(serviceName: string): Tracer | undefined {
  if (!tracingEnabled(process.env)) return undefined;
  // A conditional load, see above; esbuild still bundles it.
  const { Tracer: LambdaTracer } = require('@aws-lambda-powertools/tracer') as typeof PowertoolsTracer;
  return new LambdaTracer({ serviceName, captureHTTPsRequests: false });
}

/**
 * Middy middleware tracing each invocation as a `## handler` subsegment (cold start and service
 * annotations, errors as metadata); none without a tracer. Responses are not recorded: they hold
 * presigned URLs and user ids.
 *
 * @example
 * middy(handler).use(traceLambdaHandler(deps.tracer));
 */
export function traceLambdaHandler(tracer: Tracer | undefined): MiddlewareObj[] {
  return tracer ? [captureLambdaHandler(tracer, { captureResponse: false })] : [];
}

/**
 * The AWS SDK v3 client with its calls traced as X-Ray subsegments; the client itself without a tracer.
 *
 * @example
 * const sns = traceClient(tracer, new SNSClient({}));
 */
export function traceClient<C>(tracer: Tracer | undefined, client: C): C {
  return tracer ? tracer.captureAWSv3Client(client) : client;
}
