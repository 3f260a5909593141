import type { MiddlewareObj } from '@middy/core';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { cors } from './cors';
import { errorResponses, type ErrorStatus } from './error-responses';
import { jsonBody } from './json-body';

export interface HttpApiOptions {
  logger: Logger;
  origins: readonly string[];
  /** The route's typed errors and their statuses. */
  errorStatuses?: readonly ErrorStatus[];
  /** Parse a JSON body of at most this many bytes; omit for routes without a body. */
  jsonBodyMaxBytes?: number;
}

/**
 * The middleware stack every HTTP API route of ours uses, in the right order: request logging
 * context, CORS (also on errors), typed errors to JSON answers, then body parsing.
 *
 * @example
 * export const handler = middy(route).use(httpApi({ logger, origins, jsonBodyMaxBytes: 1024 }));
 */
export function httpApi(opts: HttpApiOptions): MiddlewareObj<APIGatewayProxyEventV2>[] {
  return [
    injectLambdaContext(opts.logger, { resetKeys: true }),
    cors({ origins: opts.origins }),
    ...errorResponses({ logger: opts.logger, statuses: opts.errorStatuses }),
    ...(opts.jsonBodyMaxBytes === undefined ? [] : [jsonBody({ maxBytes: opts.jsonBodyMaxBytes })]),
  ];
}
