import type {
  APIGatewayProxyEventV2WithLambdaAuthorizer,
  APIGatewayRequestAuthorizerEventV2,
} from 'aws-lambda';
import { randomUUID } from 'node:crypto';

/** What our authorizer puts in `requestContext.authorizer.lambda` for the routes behind it. */
export interface AuthorizerContext {
  sub: string;
  username: string;
}

export interface HttpApiRequest {
  method?: string;
  /** Route key as the HTTP API reports it, e.g. `POST /avatars/key_upload`. */
  routeKey?: string;
  path?: string;
  headers?: Record<string, string>;
  /** A string body is sent as is; anything else is JSON-encoded. */
  body?: unknown;
  isBase64Encoded?: boolean;
  pathParameters?: Record<string, string>;
  queryStringParameters?: Record<string, string>;
  /** `null` builds an event with no authorizer context, as on a public route. */
  authorizer?: AuthorizerContext | null;
}

const API_ID = 'a1b2c3d4e5';

function requestContextBase(method: string, path: string, routeKey: string) {
  const now = new Date();
  return {
    accountId: '123456789012',
    apiId: API_ID,
    domainName: `${API_ID}.execute-api.us-east-1.amazonaws.com`,
    domainPrefix: API_ID,
    http: {
      method,
      path,
      protocol: 'HTTP/1.1',
      sourceIp: '203.0.113.10',
      userAgent: 'jest',
    },
    requestId: randomUUID(),
    routeKey,
    stage: '$default',
    time: now.toUTCString(),
    timeEpoch: now.getTime(),
  };
}

/** Lower-cases header names the way HTTP API payload 2.0 delivers them. */
function lowerCaseHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

/**
 * An HTTP API (payload format 2.0) event for a route behind our Lambda authorizer.
 *
 * @example
 * const event = httpApiEvent({ routeKey: 'POST /avatars/key_upload', body: { contentType: 'image/png', contentLength: 1234 } });
 */
export function httpApiEvent(
  request: HttpApiRequest = {},
): APIGatewayProxyEventV2WithLambdaAuthorizer<AuthorizerContext> {
  const method = request.method ?? request.routeKey?.split(' ')[0] ?? 'GET';
  const path = request.path ?? request.routeKey?.split(' ')[1] ?? '/';
  const routeKey = request.routeKey ?? `${method} ${path}`;
  const body =
    request.body === undefined
      ? undefined
      : typeof request.body === 'string'
        ? request.body
        : JSON.stringify(request.body);
  const headers = lowerCaseHeaders({
    host: `${API_ID}.execute-api.us-east-1.amazonaws.com`,
    origin: 'http://localhost:5173',
    ...(body !== undefined && typeof request.body !== 'string' ? { 'content-type': 'application/json' } : {}),
    ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
    ...request.headers,
  });
  const authorizer =
    request.authorizer === null
      ? undefined
      : { lambda: request.authorizer ?? { sub: randomUUID(), username: 'alice' } };
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: new URLSearchParams(request.queryStringParameters ?? {}).toString(),
    headers,
    queryStringParameters: request.queryStringParameters,
    pathParameters: request.pathParameters,
    body,
    isBase64Encoded: request.isBase64Encoded ?? false,
    requestContext: {
      ...requestContextBase(method, path, routeKey),
      authorizer: authorizer as { lambda: AuthorizerContext },
    },
  };
}

/**
 * The event an HTTP API sends to a Lambda authorizer (payload format 2.0, identity source
 * `$request.header.Authorization`).
 *
 * @example
 * const event = authorizerEvent({ headers: { authorization: `Bearer ${token}` } });
 */
export function authorizerEvent(
  request: { routeKey?: string; headers?: Record<string, string> } = {},
): APIGatewayRequestAuthorizerEventV2 {
  const routeKey = request.routeKey ?? 'POST /avatars/key_upload';
  const [method = 'POST', path = '/'] = routeKey.split(' ');
  const headers = lowerCaseHeaders(request.headers ?? {});
  const authorization = headers['authorization'];
  return {
    version: '2.0',
    type: 'REQUEST',
    routeArn: `arn:aws:execute-api:us-east-1:123456789012:${API_ID}/$default/${method}${path}`,
    identitySource: authorization === undefined ? [] : [authorization],
    routeKey,
    rawPath: path,
    rawQueryString: '',
    cookies: [],
    headers,
    queryStringParameters: {},
    requestContext: requestContextBase(method, path, routeKey) as APIGatewayRequestAuthorizerEventV2['requestContext'],
    pathParameters: {},
    stageVariables: {},
  };
}
