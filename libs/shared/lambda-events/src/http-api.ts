import type {
  APIGatewayEventRequestContextV2,
  APIGatewayProxyEventV2,
  APIGatewayProxyEventV2WithLambdaAuthorizer,
  APIGatewayRequestAuthorizerEventV2,
} from 'aws-lambda';
import { API_ROUTES, type CallerIdentity, routeKey as contractRouteKey } from '@cruddur/shared/contract';
import { randomUUID } from 'node:crypto';

/** The API's identity in ARNs and request contexts. */
export interface HttpApiIdentity {
  apiId: string;
  region: string;
  stage: string;
  accountId: string;
}

/** A request as API Gateway hands it on once the route is known. */
export interface HttpApiRequestParts {
  method: string;
  /** As the HTTP API reports it, e.g. `POST /avatars/key_upload`. */
  routeKey: string;
  rawPath: string;
  /** Without the `?`. */
  rawQueryString: string;
  /** Names lower-cased, repeated values joined with commas, cookies apart: as payload 2.0. */
  headers: Record<string, string>;
  cookies?: string[];
  pathParameters?: Record<string, string>;
  /** The body as the function gets it: text, or base64 with `isBase64Encoded`. */
  body?: string;
  isBase64Encoded?: boolean;
  sourceIp: string;
  /** e.g. `HTTP/1.1`. */
  protocol: string;
  /** Default: the `user-agent` header. */
  userAgent?: string;
  time?: Date;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * `requestContext.time` as HTTP APIs write it.
 *
 * @example
 * requestTime(new Date('2026-11-26T23:30:00Z')); // '26/Nov/2026:23:30:00 +0000'
 */
export function requestTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}

/** Repeated parameters joined with commas, as payload 2.0 does. */
function queryParameters(rawQueryString: string): Record<string, string> | undefined {
  if (rawQueryString === '') return undefined;
  const params: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    params[name] = params[name] === undefined ? value : `${params[name]},${value}`;
  }
  return params;
}

function requestContext(api: HttpApiIdentity, request: HttpApiRequestParts): APIGatewayEventRequestContextV2 {
  const now = request.time ?? new Date();
  const domainName = request.headers['host'] ?? `${api.apiId}.execute-api.${api.region}.amazonaws.com`;
  return {
    accountId: api.accountId,
    apiId: api.apiId,
    domainName,
    domainPrefix: domainName.split('.')[0] ?? api.apiId,
    http: {
      method: request.method,
      path: request.rawPath,
      protocol: request.protocol,
      sourceIp: request.sourceIp,
      userAgent: request.userAgent ?? request.headers['user-agent'] ?? '',
    },
    requestId: randomUUID(),
    routeKey: request.routeKey,
    stage: api.stage,
    time: requestTime(now),
    timeEpoch: now.getTime(),
  };
}

/**
 * The event an HTTP API (payload format 2.0) sends to a route's function; `authorizer` is what the
 * Lambda authorizer returned as `context`, on protected routes.
 *
 * @example
 * const event = httpApiProxyEvent(api, { method: 'GET', routeKey: 'GET /api/profiles/{handle}', rawPath: '/api/profiles/andrew', rawQueryString: '', headers: {}, sourceIp: '127.0.0.1', protocol: 'HTTP/1.1' });
 */
export function httpApiProxyEvent(api: HttpApiIdentity, request: HttpApiRequestParts, authorizer?: Record<string, unknown>): APIGatewayProxyEventV2 {
  const query = queryParameters(request.rawQueryString);
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: request.routeKey,
    rawPath: request.rawPath,
    rawQueryString: request.rawQueryString,
    ...(request.cookies ? { cookies: request.cookies } : {}),
    headers: request.headers,
    ...(query ? { queryStringParameters: query } : {}),
    ...(request.pathParameters ? { pathParameters: request.pathParameters } : {}),
    requestContext: requestContext(api, request),
    ...(request.body !== undefined ? { body: request.body } : {}),
    isBase64Encoded: request.isBase64Encoded ?? false,
  };
  if (authorizer) {
    (event.requestContext as APIGatewayEventRequestContextV2 & { authorizer: unknown }).authorizer = { lambda: authorizer };
  }
  return event;
}

/**
 * The event an HTTP API sends to a REQUEST Lambda authorizer (payload 2.0).
 *
 * @example
 * const event = httpApiAuthorizerEvent(api, request, [request.headers['authorization'] ?? '']);
 */
export function httpApiAuthorizerEvent(api: HttpApiIdentity, request: HttpApiRequestParts, identitySource: string[]): APIGatewayRequestAuthorizerEventV2 {
  const [method = 'GET', path = '/'] = request.routeKey.split(' ');
  return {
    version: '2.0',
    type: 'REQUEST',
    routeArn: `arn:aws:execute-api:${api.region}:${api.accountId}:${api.apiId}/${api.stage}/${method}${path}`,
    identitySource,
    routeKey: request.routeKey,
    rawPath: request.rawPath,
    rawQueryString: request.rawQueryString,
    cookies: request.cookies ?? [],
    headers: request.headers,
    queryStringParameters: queryParameters(request.rawQueryString) ?? {},
    requestContext: requestContext(api, request) as APIGatewayRequestAuthorizerEventV2['requestContext'],
    pathParameters: request.pathParameters ?? {},
    stageVariables: {},
  };
}

/** What our authorizer puts in `requestContext.authorizer.lambda` for the routes behind it. */
export type AuthorizerContext = CallerIdentity;

/** A test's request: only what matters to it, the rest filled in. */
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

const EXAMPLE_API: HttpApiIdentity = Object.freeze({ apiId: 'a1b2c3d4e5', region: 'us-east-1', stage: '$default', accountId: '123456789012' });
const EXAMPLE_HOST = `${EXAMPLE_API.apiId}.execute-api.${EXAMPLE_API.region}.amazonaws.com`;

/** Lower-cases header names the way HTTP API payload 2.0 delivers them. */
function lowerCaseHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

function exampleParts(method: string, path: string, routeKey: string, headers: Record<string, string>): HttpApiRequestParts {
  return { method, routeKey, rawPath: path, rawQueryString: '', headers, sourceIp: '203.0.113.10', protocol: 'HTTP/1.1', userAgent: 'jest' };
}

/**
 * An HTTP API (payload format 2.0) event for a test, for a route behind our Lambda authorizer
 * unless `authorizer` is `null`.
 *
 * @example
 * const event = httpApiEvent({ routeKey: 'POST /avatars/key_upload', body: { contentType: 'image/png', contentLength: 1234 } });
 */
export function httpApiEvent(request: HttpApiRequest = {}): APIGatewayProxyEventV2WithLambdaAuthorizer<AuthorizerContext> {
  const method = request.method ?? request.routeKey?.split(' ')[0] ?? 'GET';
  const path = request.path ?? request.routeKey?.split(' ')[1] ?? '/';
  const routeKey = request.routeKey ?? `${method} ${path}`;
  const body =
    request.body === undefined ? undefined : typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
  const headers = lowerCaseHeaders({
    host: EXAMPLE_HOST,
    origin: 'http://localhost:5173',
    ...(body !== undefined && typeof request.body !== 'string' ? { 'content-type': 'application/json' } : {}),
    ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
    ...request.headers,
  });
  const event = httpApiProxyEvent(
    EXAMPLE_API,
    {
      ...exampleParts(method, path, routeKey, headers),
      rawQueryString: new URLSearchParams(request.queryStringParameters ?? {}).toString(),
      pathParameters: request.pathParameters,
      body,
      isBase64Encoded: request.isBase64Encoded ?? false,
    },
    request.authorizer === null ? undefined : { ...(request.authorizer ?? { sub: randomUUID(), username: 'alice' }) },
  );
  return event as APIGatewayProxyEventV2WithLambdaAuthorizer<AuthorizerContext>;
}

/**
 * The event an HTTP API sends to a Lambda authorizer, for a test (identity source
 * `$request.header.Authorization`).
 *
 * @example
 * const event = authorizerEvent({ headers: { authorization: `Bearer ${token}` } });
 */
export function authorizerEvent(request: { routeKey?: string; headers?: Record<string, string> } = {}): APIGatewayRequestAuthorizerEventV2 {
  const routeKey = request.routeKey ?? contractRouteKey(API_ROUTES.presignAvatarUpload);
  const [method = 'POST', path = '/'] = routeKey.split(' ');
  const headers = lowerCaseHeaders(request.headers ?? {});
  const authorization = headers['authorization'];
  return httpApiAuthorizerEvent(EXAMPLE_API, exampleParts(method, path, routeKey, headers), authorization === undefined ? [] : [authorization]);
}
