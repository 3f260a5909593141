import type { MiddlewareObj } from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import type { Logger } from '@aws-lambda-powertools/logger';
import { ParseError } from '@aws-lambda-powertools/parser/errors';
import { API_ERRORS, apiErrorCodeOf } from '@cruddur/shared/contract';
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
  [MalformedBodyError, API_ERRORS['invalid-request'].status],
  [MissingIdentityError, API_ERRORS.unauthenticated.status],
  [BodyTooLargeError, API_ERRORS['body-too-large'].status],
  [UnsupportedBodyTypeError, API_ERRORS['unsupported-body-type'].status],
] as const);

const INTERNAL_ERROR_BODY = JSON.stringify({ message: API_ERRORS.internal.message });

/** The first issue of a schema refusal: its message is written for clients, its check may name the status. */
function schemaRefusal(error: ParseError): { status: number; message: string } {
  const issues = Array.isArray(error.cause) ? (error.cause as unknown[]) : [];
  const first = issues[0] as { message?: unknown } | undefined;
  const message = typeof first?.message === 'string' && first.message !== '' ? first.message : 'the request is not valid';
  return { status: API_ERRORS[apiErrorCodeOf(first)].status, message };
}

/** The typed error and its status, or undefined for an error that must not be shown to clients. */
function refusalFor(error: unknown, statuses: readonly ErrorStatus[]): { status: number; error: Error } | undefined {
  for (const [errorClass, status] of [...statuses, ...REQUEST_ERROR_STATUSES]) {
    if (error instanceof errorClass) return { status, error };
  }
  return undefined;
}

/** The HTTP status for an error, or undefined for one that must not be shown to clients. */
export function statusForError(error: unknown, statuses: readonly ErrorStatus[] = []): number | undefined {
  return refusalFor(error, statuses)?.status;
}

/**
 * Turns the typed errors of a route into short JSON answers (`{"message": "…"}`) with the right
 * status; anything else becomes a 500 with no detail, and is logged with its stack.
 *
 * @example
 * middy(handler).use(errorResponses({ logger, statuses: [[InvalidKeyError, 403]] }));
 */
export function errorResponses(opts: ErrorResponsesOptions): MiddlewareObj[] {
  const statuses = opts.statuses ?? [];
  const mapToHttpError: MiddlewareObj = {
    name: 'errorResponses',
    onError: (request) => {
      // A later middleware already answered; anything thrown, even `null`, is answered here.
      if (request.response !== undefined) return;
      const error = request.error;
      if (error instanceof ParseError) {
        const { status, message } = schemaRefusal(error);
        opts.logger.warn('request refused', { status, errorName: error.name, reason: message });
        request.error = Object.assign(new Error(JSON.stringify({ message })), { statusCode: status, expose: true });
        return;
      }
      const refusal = refusalFor(error, statuses);
      if (refusal === undefined) {
        opts.logger.error('request failed', { error });
        // Replacing the thrown error hides its own status and message: http-error-handler answers an
        // error without an exposed status with the bare 500.
        request.error = new Error(API_ERRORS.internal.message);
        return;
      }
      opts.logger.warn('request refused', { status: refusal.status, errorName: refusal.error.name, reason: refusal.error.message });
      request.error = Object.assign(new Error(JSON.stringify({ message: refusal.error.message })), {
        statusCode: refusal.status,
        expose: true,
      });
    },
  };
  // middy runs onError handlers last-added first: the mapping runs, then the formatter.
  // Stryker disable next-line BooleanLiteral: equivalent, @middy/http-error-handler calls its logger only when it is a function, so `true` logs nothing either (this middleware logs each error itself).
  return [httpErrorHandler({ logger: false, fallbackMessage: INTERNAL_ERROR_BODY }), mapToHttpError];
}
