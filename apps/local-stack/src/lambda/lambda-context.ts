import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

export interface LocalFunction {
  name: string;
  region: string;
  memoryMb: number;
  timeoutMs: number;
}

/** The account id local ARNs carry; nothing is ever sent to it. */
export const LOCAL_ACCOUNT_ID = '000000000000';

/**
 * The context the Node.js Lambda runtime passes to one invocation: fresh request id, and a
 * remaining time that counts down from the function's timeout.
 */
export function invocationContext(fn: LocalFunction, startedAt: number = Date.now()): Context {
  const deadline = startedAt + fn.timeoutMs;
  const day = new Date(startedAt).toISOString().slice(0, 10).replace(/-/g, '/');
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: fn.name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${fn.region}:${LOCAL_ACCOUNT_ID}:function:${fn.name}`,
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

/** A Lambda handler as our factories build them: promise style, no callback. */
export type LambdaHandler<E, R> = (event: E, context: Context) => Promise<R> | R | void;

/** The function's timeout elapsed first. */
export class LambdaTimeoutError extends Error {
  constructor(fn: string, timeoutMs: number) {
    super(`${fn} timed out after ${timeoutMs} ms`);
    this.name = 'LambdaTimeoutError';
  }
}

/**
 * Invokes a handler once, like the runtime: a fresh context, and a failure when it runs past the
 * function's timeout.
 */
export async function invokeOnce<E, R>(fn: LocalFunction, handler: LambdaHandler<E, R>, event: E): Promise<R> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LambdaTimeoutError(fn.name, fn.timeoutMs)), fn.timeoutMs);
  });
  try {
    return (await Promise.race([Promise.resolve(handler(event, invocationContext(fn))), timeout])) as R;
  } finally {
    clearTimeout(timer);
  }
}
