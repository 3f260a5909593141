import type { MiddlewareObj } from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import type { Logger } from '@aws-lambda-powertools/logger';
import { BodyTooLargeError, MalformedBodyError, MissingIdentityError, UnsupportedBodyTypeError } from './errors';

type ErrorClass = abstract new (...args: never[]) => Error;

/** An error class and the HTTP status its instances answer with; their message is shown to the client. */
export type ErrorStatus = readonly [ErrorClass, number];

export interface ErrorResponsesOptions {
  logger: Pick<Logger, 'warn' | 'error'>;
  /** The route's own domain errors, checked before this package's errors. */
  statuses?: readonly ErrorStatus[];
}

const REQUEST_ERROR_STATUSES: readonly ErrorStatus[] = Object.freeze([
  [MalformedBodyError, 400],
  [MissingIdentityError, 401],
  [BodyTooLargeError, 413],
  [UnsupportedBodyTypeError, 415],
] as const);

const INTERNAL_ERROR_BODY = JSON.stringify({ message: 'internal error' });

/** The HTTP status for an error, or undefined for one that must not be shown to clients. */
export function statusForError(error: unknown, statuses: readonly ErrorStatus[] = []): number | undefined {
  for (const [errorClass, status] of [...statuses, ...REQUEST_ERROR_STATUSES]) {
    if (error instanceof errorClass) return status;
  }
  return undefined;
}

/**
 * Turns the typed errors of a route into short JSON answers (`{"message": "…"}`) with the right
 * status; anything else becomes a 500 with no detail, and is logged with its stack.
 *
 * @example
 * middy(handler).use(errorResponses({ logger, statuses: [[UploadTooLargeError, 413]] }));
 */
export function errorResponses(opts: ErrorResponsesOptions): MiddlewareObj[] {
  const statuses = opts.statuses ?? [];
  const mapToHttpError: MiddlewareObj = {
    name: 'errorResponses',
    onError: (request) => {
      if (request.response !== undefined || request.error === null) return;
      const error = request.error;
      const status = statusForError(error, statuses);
      if (status === undefined) {
        opts.logger.error('request failed', { error });
        request.error = Object.assign(new Error('internal error'), { statusCode: 500, expose: false });
        return;
      }
      opts.logger.warn('request refused', { status, errorName: error.name, reason: error.message });
      request.error = Object.assign(new Error(JSON.stringify({ message: error.message })), {
        statusCode: status,
        expose: true,
      });
    },
  };
  // middy runs onError handlers last-added first: the mapping runs, then the formatter.
  return [httpErrorHandler({ logger: false, fallbackMessage: INTERNAL_ERROR_BODY }), mapToHttpError];
}
