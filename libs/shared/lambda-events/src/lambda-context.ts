import type { Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';

/** What the runtime's context says about the function it runs. */
export interface LambdaFunctionIdentity {
  name: string;
  region: string;
  memoryMb: number;
  timeoutMs: number;
  /** The account in the function's ARN. */
  accountId: string;
}

/**
 * The context the Node.js Lambda runtime passes to one invocation: a fresh request id, and a
 * remaining time that counts down from the function's timeout.
 *
 * @example
 * const context = invocationContext({ name: 'thumbnail', region: 'us-east-1', memoryMb: 1024, timeoutMs: 30_000, accountId: '000000000000' });
 */
export function invocationContext(fn: LambdaFunctionIdentity, startedAt: number = Date.now()): Context {
  const deadline = startedAt + fn.timeoutMs;
  const day = new Date(startedAt).toISOString().slice(0, 10).replace(/-/g, '/');
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: fn.name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${fn.region}:${fn.accountId}:function:${fn.name}`,
    memoryLimitInMB: String(fn.memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${fn.name}`,
    logStreamName: `${day}/[$LATEST]${randomUUID().replace(/-/g, '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/**
 * A Lambda invocation context as the Node.js runtime passes it, for a test's direct call.
 *
 * @example
 * await handler(event, lambdaContext({ functionName: 'presign' }));
 */
export function lambdaContext(overrides: Partial<Context> = {}): Context {
  const functionName = overrides.functionName ?? 'test-function';
  return {
    ...invocationContext({ name: functionName, region: 'us-east-1', memoryMb: 512, timeoutMs: 30_000, accountId: '123456789012' }),
    // A fixed remaining time: a test that reads it should not depend on how long it took.
    getRemainingTimeInMillis: () => 30_000,
    logStreamName: '2026/11/26/[$LATEST]0123456789abcdef',
    ...overrides,
  };
}
