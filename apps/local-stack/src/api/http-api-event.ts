import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { APIGatewayEventRequestContextV2, APIGatewayProxyEventV2, APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { LOCAL_ACCOUNT_ID } from '../lambda/lambda-context';

/** The API's identity in ARNs and request contexts. */
export interface HttpApiIdentity {
  apiId: string;
  region: string;
  stage: string;
}

/** A request as API Gateway sees it once the route is known. */
export interface MatchedRequest {
  request: IncomingMessage;
  routeKey: string;
  rawPath: string;
  rawQueryString: string;
  pathParameters?: Record<string, string>;
  body: Buffer;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// Bodies of these types reach the function as text; anything else base64-encoded.
const TEXT_BODY = /^(text\/|application\/([\w.+-]+\+)?(json|xml|javascript|x-www-form-urlencoded)\b)/i;

/** `requestContext.time` as HTTP APIs write it: `26/Nov/2026:23:30:00 +0000`. */
export function requestTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}

/** Header names lower-cased, repeated headers joined with commas, cookies apart: as payload 2.0. */
function headersAndCookies(request: IncomingMessage): { headers: Record<string, string>; cookies?: string[] } {
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [name, values] of Object.entries(request.headersDistinct)) {
    if (values === undefined) continue;
    if (name === 'cookie') {
      cookies = values.flatMap((value) => value.split(/;\s*/)).filter(Boolean);
      continue;
    }
    headers[name] = values.join(',');
  }
  return { headers, ...(cookies ? { cookies } : {}) };
}

function queryParameters(rawQueryString: string): Record<string, string> | undefined {
  if (rawQueryString === '') return undefined;
  const params: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    params[name] = params[name] === undefined ? value : `${params[name]},${value}`;
  }
  return params;
}

function requestContext(api: HttpApiIdentity, matched: MatchedRequest, headers: Record<string, string>, now: Date): APIGatewayEventRequestContextV2 {
  const domainName = headers['host'] ?? `${api.apiId}.execute-api.${api.region}.amazonaws.com`;
  return {
    accountId: LOCAL_ACCOUNT_ID,
    apiId: api.apiId,
    domainName,
    domainPrefix: domainName.split('.')[0] ?? api.apiId,
    http: {
      method: matched.request.method ?? 'GET',
      path: matched.rawPath,
      protocol: `HTTP/${matched.request.httpVersion}`,
      sourceIp: matched.request.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
      userAgent: headers['user-agent'] ?? '',
    },
    requestId: randomUUID(),
    routeKey: matched.routeKey,
    stage: api.stage,
    time: requestTime(now),
    timeEpoch: now.getTime(),
  };
}

/**
 * The event an HTTP API (payload format 2.0) sends to a route's function; `authorizer` is what the
 * Lambda authorizer returned as `context`, on protected routes.
 */
export function httpApiEvent(api: HttpApiIdentity, matched: MatchedRequest, authorizer?: Record<string, unknown>): APIGatewayProxyEventV2 {
  const now = new Date();
  const { headers, cookies } = headersAndCookies(matched.request);
  const hasBody = matched.body.byteLength > 0;
  const text = TEXT_BODY.test(headers['content-type'] ?? '');
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: matched.routeKey,
    rawPath: matched.rawPath,
    rawQueryString: matched.rawQueryString,
    ...(cookies ? { cookies } : {}),
    headers,
    ...(queryParameters(matched.rawQueryString) ? { queryStringParameters: queryParameters(matched.rawQueryString) } : {}),
    ...(matched.pathParameters ? { pathParameters: matched.pathParameters } : {}),
    requestContext: requestContext(api, matched, headers, now),
    ...(hasBody ? { body: matched.body.toString(text ? 'utf8' : 'base64') } : {}),
    isBase64Encoded: hasBody && !text,
  };
  if (authorizer) {
    (event.requestContext as APIGatewayEventRequestContextV2 & { authorizer: unknown }).authorizer = { lambda: authorizer };
  }
  return event;
}

/** The event an HTTP API sends to a REQUEST Lambda authorizer (payload 2.0), identity source `$request.header.Authorization`. */
export function authorizerEvent(api: HttpApiIdentity, matched: MatchedRequest, identitySource: string[]): APIGatewayRequestAuthorizerEventV2 {
  const now = new Date();
  const { headers, cookies } = headersAndCookies(matched.request);
  const [method = 'GET', path = '/'] = matched.routeKey.split(' ');
  return {
    version: '2.0',
    type: 'REQUEST',
    routeArn: `arn:aws:execute-api:${api.region}:${LOCAL_ACCOUNT_ID}:${api.apiId}/${api.stage}/${method}${path}`,
    identitySource,
    routeKey: matched.routeKey,
    rawPath: matched.rawPath,
    rawQueryString: matched.rawQueryString,
    cookies: cookies ?? [],
    headers,
    queryStringParameters: queryParameters(matched.rawQueryString) ?? {},
    requestContext: requestContext(api, matched, headers, now) as APIGatewayRequestAuthorizerEventV2['requestContext'],
    pathParameters: matched.pathParameters ?? {},
    stageVariables: {},
  };
}
