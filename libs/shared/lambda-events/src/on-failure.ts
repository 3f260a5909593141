import { randomUUID } from 'node:crypto';

/** Why Lambda gave up on an asynchronous invocation. */
export type OnFailureCondition = 'RetriesExhausted' | 'EventAgeExceeded';

/** What a Node.js function's unhandled error looks like in a response payload. */
export interface FunctionErrorPayload {
  errorType: string;
  errorMessage: string;
  trace?: string[];
}

/**
 * The record Lambda writes to an asynchronous invocation's on-failure destination (an SQS DLQ in
 * AWS, a folder in the local stack): the original payload, why it was parked, and the last error.
 */
export interface OnFailureRecord<P = unknown> {
  version: '1.0';
  timestamp: string;
  requestContext: {
    requestId: string;
    functionArn: string;
    condition: OnFailureCondition;
    approximateInvokeCount: number;
  };
  requestPayload: P;
  responseContext: { statusCode: number; executedVersion: string; functionError: 'Unhandled' };
  responsePayload: FunctionErrorPayload;
}

/**
 * The response payload the Node.js runtime reports for an error a handler threw.
 *
 * @example
 * functionErrorPayload(new Error('S3 timed out')); // { errorType: 'Error', errorMessage: 'S3 timed out', trace: [...] }
 */
export function functionErrorPayload(error: unknown): FunctionErrorPayload {
  if (error instanceof Error) {
    return { errorType: error.name, errorMessage: error.message, trace: (error.stack ?? '').split('\n').slice(0, 10) };
  }
  return { errorType: 'Error', errorMessage: String(error) };
}

/**
 * The on-failure record of an asynchronous invocation whose retries were exhausted.
 *
 * @example
 * const record = onFailureRecord({ functionArn, payload: s3Event, error, invokeCount: 3 });
 */
export function onFailureRecord<P>(failure: {
  functionArn: string;
  payload: P;
  error: unknown;
  invokeCount: number;
  condition?: OnFailureCondition;
  now?: Date;
}): OnFailureRecord<P> {
  return {
    version: '1.0',
    timestamp: (failure.now ?? new Date()).toISOString(),
    requestContext: {
      requestId: randomUUID(),
      functionArn: `${failure.functionArn}:$LATEST`,
      condition: failure.condition ?? 'RetriesExhausted',
      approximateInvokeCount: failure.invokeCount,
    },
    requestPayload: failure.payload,
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    responsePayload: functionErrorPayload(failure.error),
  };
}
