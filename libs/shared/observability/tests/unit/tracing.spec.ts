import { lambdaContext } from '@cruddur/shared/lambda-events';
import middy from '@middy/core';
import { lambdaTracer, traceClient, traceLambdaHandler } from '../../src';
import { tracingEnabled } from '../../src/tracing';

const LAMBDA = { AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x' };

describe('tracing', () => {
  it.each([
    [{}, false],
    [LAMBDA, true],
    [{ ...LAMBDA, POWERTOOLS_TRACE_ENABLED: 'false' }, false],
    [{ ...LAMBDA, POWERTOOLS_TRACE_ENABLED: 'FALSE' }, false],
    [{ ...LAMBDA, AWS_SAM_LOCAL: 'true' }, false],
    [{ AWS_EXECUTION_ENV: 'AWS_Lambda_amplify-mock' }, false],
  ])('decides as powertools does: %j → %s', (env, enabled) => {
    expect(tracingEnabled(env)).toBe(enabled);
  });

  it('outside Lambda: no tracer, the X-Ray SDK never loaded, clients and handlers untouched', async () => {
    expect(tracingEnabled()).toBe(false);
    expect(lambdaTracer('thumbnail')).toBeUndefined();
    expect(Object.keys(require.cache).some((path) => path.includes('aws-xray-sdk-core'))).toBe(false);
    const client = { send: async () => 'sent' };
    expect(traceClient(undefined, client)).toBe(client);
    expect(traceLambdaHandler(undefined)).toEqual([]);
    const handler = middy(async () => 'answer').use(traceLambdaHandler(undefined));
    await expect(handler({}, lambdaContext())).resolves.toBe('answer');
  });

  it('in Lambda: a tracer for the service that wraps SDK clients and each invocation', async () => {
    process.env['AWS_EXECUTION_ENV'] = LAMBDA.AWS_EXECUTION_ENV;
    let tracer: ReturnType<typeof lambdaTracer>;
    try {
      tracer = lambdaTracer('thumbnail');
    } finally {
      delete process.env['AWS_EXECUTION_ENV'];
    }
    expect(tracer?.isTracingEnabled()).toBe(true);
    expect((tracer as unknown as { serviceName: string }).serviceName).toBe('thumbnail');
    const captured = jest.spyOn(tracer!, 'captureAWSv3Client').mockImplementation((c) => c);
    const client = { send: async () => 'sent' };
    traceClient(tracer, client);
    expect(captured).toHaveBeenCalledWith(client);
    const [middleware] = traceLambdaHandler(tracer);
    expect(Object.keys(middleware ?? {})).toEqual(expect.arrayContaining(['before', 'after', 'onError']));
  });
});
