import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { createHttpApiGateway } from '../../src';

const fn = { name: 'f', region: 'us-east-1', memoryMb: 128, timeoutMs: 1000 };
const ORIGIN = 'http://localhost:5173';

describe('the HTTP API gateway', () => {
  let server: Server;
  let url: string;
  const authorizer = jest.fn(async (event: APIGatewayRequestAuthorizerEventV2) =>
    event.headers?.['authorization'] === 'Bearer good' ? { isAuthorized: true, context: { sub: 'u-1', username: 'andrew' } } : { isAuthorized: false },
  );
  const protectedHandler = jest.fn(async (event: APIGatewayProxyEventV2) => ({
    statusCode: 201,
    headers: { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' },
    body: JSON.stringify({ event }),
  }));
  const publicHandler = jest.fn<Promise<unknown>, [APIGatewayProxyEventV2]>(async () => ({ hello: 'world' }));
  const failingHandler = jest.fn(async () => {
    throw new Error('boom');
  });

  beforeAll(async () => {
    const gateway = createHttpApiGateway({
      api: { apiId: 'local', region: 'us-east-1', stage: '$default' },
      routes: [
        { method: 'POST', path: '/avatars/key_upload', authorized: true, fn, handler: protectedHandler },
        { method: 'GET', path: '/api/profiles/{handle}', authorized: false, fn, handler: publicHandler },
        { method: 'GET', path: '/boom', authorized: false, fn, handler: failingHandler },
      ],
      authorizer: { fn, handler: authorizer, resultsCacheTtlSeconds: 60 },
      cors: { allowOrigins: [ORIGIN], allowMethods: ['GET', 'POST', 'PUT'], allowHeaders: ['authorization', 'content-type'], maxAgeSeconds: 3600 },
      log: () => undefined,
    });
    server = createServer(gateway.handle);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => jest.clearAllMocks());

  const post = (headers: Record<string, string>) =>
    fetch(`${url}/avatars/key_upload?a=1&a=2`, { method: 'POST', headers: { Origin: ORIGIN, 'Content-Type': 'application/json', ...headers }, body: '{"contentType":"image/png"}' });

  it('answers a preflight itself, without calling the authorizer or the function', async () => {
    const response = await fetch(`${url}/avatars/key_upload`, {
      method: 'OPTIONS',
      headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'Authorization, Content-Type' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET,POST,PUT');
    expect(response.headers.get('access-control-max-age')).toBe('3600');
    expect(authorizer).not.toHaveBeenCalled();
    expect(protectedHandler).not.toHaveBeenCalled();
  });

  it('gives a preflight from another origin no CORS headers', async () => {
    const response = await fetch(`${url}/avatars/key_upload`, { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' } });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers 401 without an Authorization header, without calling the authorizer', async () => {
    const response = await post({});
    expect([response.status, await response.json()]).toEqual([401, { message: 'Unauthorized' }]);
    expect(authorizer).not.toHaveBeenCalled();
  });

  it('answers 403 when the authorizer says no', async () => {
    const response = await post({ Authorization: 'Bearer bad' });
    expect([response.status, await response.json()]).toEqual([403, { message: 'Forbidden' }]);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(protectedHandler).not.toHaveBeenCalled();
  });

  it('passes a payload 2.0 event with the authorizer context, and caches the decision per token', async () => {
    const first = await post({ Authorization: 'Bearer good' });
    expect(first.status).toBe(201);
    // The gateway's CORS headers replace the function's.
    expect(first.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const { event } = (await first.json()) as { event: APIGatewayProxyEventV2 & { requestContext: { authorizer: unknown } } };
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /avatars/key_upload',
      rawPath: '/avatars/key_upload',
      rawQueryString: 'a=1&a=2',
      queryStringParameters: { a: '1,2' },
      body: '{"contentType":"image/png"}',
      isBase64Encoded: false,
      headers: { authorization: 'Bearer good', 'content-type': 'application/json', origin: ORIGIN },
      requestContext: {
        apiId: 'local',
        stage: '$default',
        routeKey: 'POST /avatars/key_upload',
        http: { method: 'POST', path: '/avatars/key_upload', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1' },
        authorizer: { lambda: { sub: 'u-1', username: 'andrew' } },
      },
    });
    expect(event.requestContext.time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    const authorizerEvent = authorizer.mock.calls[0]![0];
    expect(authorizerEvent).toMatchObject({ version: '2.0', type: 'REQUEST', identitySource: ['Bearer good'], routeKey: 'POST /avatars/key_upload' });
    expect(authorizerEvent.routeArn).toBe('arn:aws:execute-api:us-east-1:000000000000:local/$default/POST/avatars/key_upload');

    await post({ Authorization: 'Bearer good' });
    expect(authorizer).toHaveBeenCalledTimes(1);
  });

  it('hands a JSON body that is not UTF-8 over base64-encoded, byte for byte, not as text with U+FFFD', async () => {
    const bytes = Buffer.from([...Buffer.from('{"bio":"a'), 0xff, 0xfe, ...Buffer.from('b"}')]);
    const response = await fetch(`${url}/avatars/key_upload`, { method: 'POST', headers: { Origin: ORIGIN, 'Content-Type': 'application/json', Authorization: 'Bearer good' }, body: bytes });
    const { event } = (await response.json()) as { event: APIGatewayProxyEventV2 };
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body ?? '', 'base64').equals(bytes)).toBe(true);
  });

  it('routes public requests with path parameters and wraps a plain result in a 200', async () => {
    const response = await fetch(`${url}/api/profiles/andrew`);
    expect([response.status, await response.json()]).toEqual([200, { hello: 'world' }]);
    expect(publicHandler.mock.calls[0]![0]).toMatchObject({ pathParameters: { handle: 'andrew' } });
    expect((publicHandler.mock.calls[0]![0].requestContext as { authorizer?: unknown }).authorizer).toBeUndefined();
  });

  it('answers 404 for no route and 500 for a failing function', async () => {
    expect((await fetch(`${url}/nope`)).status).toBe(404);
    const boom = await fetch(`${url}/boom`);
    expect([boom.status, await boom.json()]).toEqual([500, { message: 'Internal Server Error' }]);
  });
});
