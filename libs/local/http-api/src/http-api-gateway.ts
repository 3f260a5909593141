import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { type HttpApiIdentity, httpApiAuthorizerEvent, httpApiProxyEvent } from '@cruddur/shared/lambda-events';
import { BodyLimitExceeded, headerValue, readBody } from '@cruddur/local/http-body';
import { LOCAL_ACCOUNT_ID, type LambdaHandler, type LocalFunction, invokeOnce } from '@cruddur/local/lambda-invoker';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { type MatchedRequest, requestParts } from './request-event';
import { type HttpApiRoute, matchRoute } from './routes';

/** The API's CORS configuration (`corsPreflight` of the CDK's `HttpApi`). */
export interface HttpApiCors {
  allowOrigins: readonly string[];
  allowMethods: readonly string[];
  allowHeaders: readonly string[];
  maxAgeSeconds: number;
}

interface LambdaAuthorizer {
  fn: LocalFunction;
  handler: LambdaHandler<never, unknown>;
  /** Seconds a decision is cached per identity source value; 0 turns caching off. */
  resultsCacheTtlSeconds: number;
}

export interface HttpApiGatewayOptions {
  api: Omit<HttpApiIdentity, 'accountId'> & { accountId?: string };
  routes: readonly HttpApiRoute[];
  authorizer: LambdaAuthorizer;
  cors: HttpApiCors;
  log: (line: string) => void;
}

/** The largest payload an HTTP API accepts. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

type Decision = { allowed: true; context: Record<string, unknown> } | { allowed: false };

function isStructured(result: unknown): result is APIGatewayProxyStructuredResultV2 {
  return typeof result === 'object' && result !== null && 'statusCode' in result;
}

/**
 * An HTTP API on a local port that behaves like API Gateway where our code depends on it: routes
 * to functions with payload 2.0 events; the Lambda authorizer (simple responses, identity source
 * `Authorization`, results cached per token) in front of protected routes, with 401 when the
 * header is missing and 403 when the authorizer says no; CORS preflights answered from the API's
 * own configuration without calling any function; the functions' CORS headers replaced by it.
 *
 * @example
 * const gateway = createHttpApiGateway({ api, routes, authorizer, cors, log });
 * server.on('request', gateway.handle);
 */
export function createHttpApiGateway(options: HttpApiGatewayOptions): { handle: RequestListener } {
  const api: HttpApiIdentity = { ...options.api, accountId: options.api.accountId ?? LOCAL_ACCOUNT_ID };
  const decisions = new Map<string, { decision: Decision; expires: number }>();

  const corsHeaders = (request: IncomingMessage): Record<string, string> => {
    const origin = headerValue(request, 'origin');
    return origin && options.cors.allowOrigins.includes(origin) ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } : {};
  };

  const reply = (request: IncomingMessage, response: ServerResponse, status: number, headers: Record<string, string | string[]>, body: Buffer | string) => {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    response.writeHead(status, {
      ...headers,
      ...corsHeaders(request),
      'Content-Length': String(bytes.byteLength),
      'apigw-requestid': randomUUID().replace(/-/g, '').slice(0, 16),
      Date: new Date().toUTCString(),
    });
    response.end(request.method === 'HEAD' ? undefined : bytes);
  };

  const message = (request: IncomingMessage, response: ServerResponse, status: number, text: string) =>
    reply(request, response, status, { 'Content-Type': 'application/json' }, JSON.stringify({ message: text }));

  const preflight = (request: IncomingMessage, response: ServerResponse) => {
    const origin = headerValue(request, 'origin');
    const method = headerValue(request, 'access-control-request-method');
    const headers: Record<string, string> = {};
    if (origin && method && options.cors.allowOrigins.includes(origin) && options.cors.allowMethods.includes(method.toUpperCase())) {
      const requested = (headerValue(request, 'access-control-request-headers') ?? '')
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean);
      const allowed = requested.filter((h) => options.cors.allowHeaders.includes(h));
      Object.assign(headers, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': options.cors.allowMethods.join(','),
        ...(allowed.length > 0 ? { 'Access-Control-Allow-Headers': allowed.join(',') } : {}),
        'Access-Control-Max-Age': String(options.cors.maxAgeSeconds),
      });
    }
    response.writeHead(204, { ...headers, Vary: 'Origin', 'apigw-requestid': randomUUID().replace(/-/g, '').slice(0, 16) });
    response.end();
  };

  const authorize = async (matched: MatchedRequest, authorization: string): Promise<Decision> => {
    const ttl = options.authorizer.resultsCacheTtlSeconds;
    const cached = ttl > 0 ? decisions.get(authorization) : undefined;
    if (cached && cached.expires > Date.now()) return cached.decision;
    const result = (await invokeOnce(options.authorizer.fn, options.authorizer.handler, httpApiAuthorizerEvent(api, requestParts(matched), [authorization]) as never)) as {
      isAuthorized?: unknown;
      context?: Record<string, unknown>;
    };
    if (typeof result?.isAuthorized !== 'boolean') throw new TypeError('authorizer returned no isAuthorized boolean');
    const decision: Decision = result.isAuthorized ? { allowed: true, context: result.context ?? {} } : { allowed: false };
    if (ttl > 0) decisions.set(authorization, { decision, expires: Date.now() + ttl * 1000 });
    return decision;
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const method = request.method ?? 'GET';
    const url = request.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q < 0 ? url : url.slice(0, q);
    const rawQueryString = q < 0 ? '' : url.slice(q + 1);
    if (method === 'OPTIONS') return preflight(request, response);

    const match = matchRoute(options.routes, method, rawPath);
    if (!match) return message(request, response, 404, 'Not Found');
    let body: Buffer;
    try {
      body = await readBody(request, MAX_PAYLOAD_BYTES);
    } catch (error) {
      if (error instanceof BodyLimitExceeded) return message(request, response, 413, 'Request Entity Too Large');
      throw error;
    }
    const matched: MatchedRequest = { request, routeKey: match.routeKey, rawPath, rawQueryString, pathParameters: match.pathParameters, body };

    let context: Record<string, unknown> | undefined;
    if (match.route.authorized) {
      const authorization = headerValue(request, 'authorization');
      if (!authorization?.trim()) return message(request, response, 401, 'Unauthorized');
      let decision: Decision;
      try {
        decision = await authorize(matched, authorization);
      } catch (error) {
        options.log(`api: ${match.routeKey}: authorizer failed: ${String(error)}`);
        return message(request, response, 500, 'Internal Server Error');
      }
      if (!decision.allowed) {
        options.log(`api: ${match.routeKey}: 403 (authorizer denied)`);
        return message(request, response, 403, 'Forbidden');
      }
      context = decision.context;
    }

    let result: unknown;
    try {
      result = await invokeOnce(match.route.fn, match.route.handler, httpApiProxyEvent(api, requestParts(matched), context) as never);
    } catch (error) {
      options.log(`api: ${match.routeKey}: ${match.route.fn.name} failed: ${String(error)}`);
      return message(request, response, 500, 'Internal Server Error');
    }
    if (!isStructured(result)) {
      // Payload 2.0: anything but a structured answer is a 200 with the value as JSON.
      return reply(request, response, 200, { 'Content-Type': 'application/json' }, typeof result === 'string' ? result : JSON.stringify(result ?? null));
    }
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(result.headers ?? {})) {
      // With CORS configured, API Gateway ignores the CORS headers of the integration.
      if (!name.toLowerCase().startsWith('access-control-')) headers[name] = String(value);
    }
    if (result.cookies?.length) headers['Set-Cookie'] = result.cookies;
    const bytes = result.body === undefined ? Buffer.alloc(0) : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');
    options.log(`api: ${match.routeKey} ${result.statusCode ?? 200}`);
    reply(request, response, result.statusCode ?? 200, headers, bytes);
  };

  return {
    handle: (request, response) => {
      handle(request, response).catch((error: unknown) => {
        options.log(`api: ${request.method} ${request.url} failed: ${String(error)}`);
        if (!response.headersSent) message(request, response, 500, 'Internal Server Error');
        else response.destroy();
      });
    },
  };
}
