import type { Context } from 'aws-lambda';
import { type LambdaFunctionIdentity, invocationContext } from '@cruddur/shared/lambda-events';
import { LambdaTimeoutError } from './errors';

/** A function as the local stack runs it: its name, region and sizing. */
export type LocalFunction = Omit<LambdaFunctionIdentity, 'accountId'>;

/** The account id local ARNs carry; nothing is ever sent to it. */
export const LOCAL_ACCOUNT_ID = '000000000000';

/** A Lambda handler as our factories build them: promise style, no callback. */
export type LambdaHandler<E, R> = (event: E, context: Context) => Promise<R> | R | void;

/**
 * Invokes a handler once, like the runtime: a fresh context, and a failure when it runs past the
 * function's timeout.
 *
 * @throws LambdaTimeoutError when the handler runs past `fn.timeoutMs`
 *
 * @example
 * const result = await invokeOnce({ name: 'presign', region: 'us-east-1', memoryMb: 256, timeoutMs: 10_000 }, handler, event);
 */
export async function invokeOnce<E, R>(fn: LocalFunction, handler: LambdaHandler<E, R>, event: E): Promise<R> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LambdaTimeoutError(fn.name, fn.timeoutMs)), fn.timeoutMs);
  });
  try {
    return (await Promise.race([Promise.resolve(handler(event, invocationContext({ ...fn, accountId: LOCAL_ACCOUNT_ID }))), timeout])) as R;
  } finally {
    clearTimeout(timer);
  }
}
