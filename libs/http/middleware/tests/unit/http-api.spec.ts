import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { httpApiEvent, lambdaContext } from '@cruddur/shared/lambda-events';
import { callerIdentity, httpApi, jsonResponse } from '../../src';
import { type JsonBodyEvent } from '../../src/json-body';

class QuotaExceededError extends Error {
  override name = 'QuotaExceededError';
}

const ORIGIN = 'https://cruddur.example.com';

function build(route: (event: JsonBodyEvent) => Promise<APIGatewayProxyStructuredResultV2>, jsonBodyMaxBytes = 64) {
  const logger = new Logger({ serviceName: 'test', logLevel: 'SILENT' });
  const errorLog = jest.spyOn(logger, 'error');
  const warnLog = jest.spyOn(logger, 'warn');
  const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(httpApi({ logger, origins: [ORIGIN, 'http://localhost:5173'], errorStatuses: [[QuotaExceededError, 429]], jsonBodyMaxBytes }))
    .handler((event) => route(event as unknown as JsonBodyEvent));
  return {
    errorLog,
    warnLog,
    call: async (event: APIGatewayProxyEventV2) =>
      (await handler(event, lambdaContext())) as APIGatewayProxyStructuredResultV2,
  };
}

const echo = async (event: JsonBodyEvent) => jsonResponse(200, { got: event.body });

describe('httpApi middleware stack', () => {
  it('hands the parsed JSON object to the route', async () => {
    const res = await build(echo).call(httpApiEvent({ method: 'POST', body: { a: 1 }, headers: { origin: ORIGIN } }));
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body as string)).toEqual({ got: { a: 1 } });
    expect(res.headers?.['Access-Control-Allow-Origin']).toBe(ORIGIN);
    expect(res.headers?.['Vary']).toContain('Origin');
  });

  it('reads a base64-encoded body', async () => {
    const body = Buffer.from('{"b":"é"}').toString('base64');
    const res = await build(echo).call(
      httpApiEvent({ method: 'POST', body, isBase64Encoded: true, headers: { 'content-type': 'application/json' } }),
    );
    expect(JSON.parse(res.body as string)).toEqual({ got: { b: 'é' } });
  });

  it('gives an origin that is not listed no CORS header', async () => {
    const res = await build(echo).call(httpApiEvent({ method: 'POST', body: {}, headers: { origin: 'https://evil.example' } }));
    expect(res.headers?.['Access-Control-Allow-Origin']).toBeUndefined();
  });

  it('answers a preflight without running the route', async () => {
    const route = jest.fn(echo);
    const res = await build(route).call(
      httpApiEvent({ method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'POST' } }),
    );
    expect(route).not.toHaveBeenCalled();
    expect(res.statusCode).toBe(204);
    expect(res.headers?.['Access-Control-Allow-Origin']).toBe(ORIGIN);
    expect(res.headers?.['Access-Control-Allow-Headers']).toContain('Authorization');
    expect(res.headers?.['Access-Control-Allow-Methods']).toContain('POST');
  });

  it.each([
    ['malformed JSON', '{"a":', 400, 'body is not valid JSON'],
    ['an array', '[1,2]', 400, 'body must be a JSON object'],
    ['a JSON string', '"x"', 400, 'body must be a JSON object'],
    ['null', 'null', 400, 'body must be a JSON object'],
    ['an empty body', '', 400, 'body is required'],
    ['a body over the limit', JSON.stringify({ a: 'x'.repeat(100) }), 413, 'body must be at most 64 bytes'],
  ])('refuses %s with a short JSON message', async (_, body, status, message) => {
    const { call, warnLog } = build(echo);
    const res = await call(
      httpApiEvent({ method: 'POST', body, headers: { 'content-type': 'application/json', origin: ORIGIN } }),
    );
    expect(res.statusCode).toBe(status);
    expect(res.headers?.['Content-Type']).toBe('application/json');
    expect(JSON.parse(res.body as string)).toEqual({ message });
    expect(res.headers?.['Access-Control-Allow-Origin']).toBe(ORIGIN);
    expect(warnLog).toHaveBeenCalled();
  });

  it.each([
    ['invalid UTF-8 bytes in a base64 body', Buffer.from([...Buffer.from('{"bio":"a'), 0xff, 0xfe, ...Buffer.from('b"}')]).toString('base64'), true, 'body is not valid UTF-8'],
    ['a truncated UTF-8 sequence in a base64 body', Buffer.from([...Buffer.from('{"bio":"'), 0xc3, ...Buffer.from('"}')]).toString('base64'), true, 'body is not valid UTF-8'],
    ['an overlong UTF-8 encoding of "/"', Buffer.from([...Buffer.from('{"bio":"'), 0xc0, 0xaf, ...Buffer.from('"}')]).toString('base64'), true, 'body is not valid UTF-8'],
    ['a body that is not base64 though flagged so', '{"bio":"x"}', true, 'body is not valid base64'],
    ['a lone surrogate in a text body', '{"bio":"a\uD800b"}', false, 'body is not valid UTF-8'],
  ])('refuses %s with 400 and a short JSON message', async (_, body, isBase64Encoded, message) => {
    const { call, warnLog } = build(echo);
    const res = await call(httpApiEvent({ method: 'POST', body, isBase64Encoded, headers: { 'content-type': 'application/json', origin: ORIGIN } }));
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body as string)).toEqual({ message });
    expect(warnLog).toHaveBeenCalled();
  });

  it('keeps a real U+FFFD and 4-byte characters of a valid UTF-8 body', async () => {
    const body = Buffer.from('{"bio":"\uFFFD 🙂"}').toString('base64');
    const res = await build(echo).call(httpApiEvent({ method: 'POST', body, isBase64Encoded: true, headers: { 'content-type': 'application/json' } }));
    expect(JSON.parse(res.body as string)).toEqual({ got: { bio: '\uFFFD 🙂' } });
  });

  it('refuses a body that is not JSON with 415', async () => {
    const res = await build(echo).call(
      httpApiEvent({ method: 'POST', body: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
    );
    expect(res.statusCode).toBe(415);
  });

  it('accepts a JSON media type with parameters', async () => {
    const res = await build(echo).call(
      httpApiEvent({ method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json; charset=utf-8' } }),
    );
    expect(res.statusCode).toBe(200);
  });

  it("maps the route's own typed errors to their status", async () => {
    const res = await build(async () => {
      throw new QuotaExceededError('too many uploads today');
    }).call(httpApiEvent({ method: 'POST', body: {} }));
    expect(res.statusCode).toBe(429);
    expect(JSON.parse(res.body as string)).toEqual({ message: 'too many uploads today' });
  });

  it('answers an unexpected error with a bare 500, and logs it', async () => {
    const { call, errorLog } = build(async () => {
      throw new Error('connect ECONNREFUSED 10.0.0.12:5432 at secret-host');
    });
    const res = await call(httpApiEvent({ method: 'POST', body: {}, headers: { origin: ORIGIN } }));
    expect(res.statusCode).toBe(500);
    expect(res.body).toBe('{"message":"internal error"}');
    expect(res.body).not.toContain('secret-host');
    expect(res.headers?.['Access-Control-Allow-Origin']).toBe(ORIGIN);
    expect(errorLog).toHaveBeenCalledWith('request failed', expect.objectContaining({ error: expect.any(Error) }));
  });

  it('answers 401 when the route is reached without an identity', async () => {
    const res = await build(async (event) => jsonResponse(200, callerIdentity(event))).call(
      httpApiEvent({ method: 'POST', body: {}, authorizer: null }),
    );
    expect(res.statusCode).toBe(401);
    expect(JSON.parse(res.body as string)).toEqual({ message: 'authentication required' });
  });
});
