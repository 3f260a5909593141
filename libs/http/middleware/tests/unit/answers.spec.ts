// What a client and an operator see from the middleware, exactly: the answers' headers and bodies,
// the preflight, the log of each refusal, and the edge cases of reading a request.
import middy, { type MiddlewareObj } from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { ParseError } from '@aws-lambda-powertools/parser/errors';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { httpApiEvent, lambdaContext } from '@cruddur/shared/lambda-events';
import { MalformedBodyError, httpApi, jsonResponse } from '../../src';
import { BodyTooLargeError, HttpRequestError, MissingIdentityError, UnsupportedBodyTypeError } from '../../src/errors';
import { cors } from '../../src/cors';
import { errorResponses, statusForError } from '../../src/error-responses';
import { jsonBody } from '../../src/json-body';

const ORIGIN = 'https://cruddur.example.com';

function stack(route: (event: APIGatewayProxyEventV2) => Promise<unknown>, options: { jsonBodyMaxBytes?: number; after?: MiddlewareObj; logger?: Logger } = {}) {
  const logger = options.logger ?? new Logger({ serviceName: 'test', logLevel: 'SILENT' });
  const warn = jest.spyOn(logger, 'warn');
  const error = jest.spyOn(logger, 'error');
  let handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>().use(
    httpApi({ logger, origins: [ORIGIN], ...(options.jsonBodyMaxBytes === undefined ? {} : { jsonBodyMaxBytes: options.jsonBodyMaxBytes }) }),
  );
  if (options.after) handler = handler.use(options.after);
  const run = handler.handler(route as never);
  return {
    warn,
    error,
    call: async (event: APIGatewayProxyEventV2) => (await run(event, lambdaContext())) as APIGatewayProxyStructuredResultV2,
  };
}

const post = (body: string | undefined, headers: Record<string, string> = { 'content-type': 'application/json' }, extra: Partial<APIGatewayProxyEventV2> = {}) => {
  const event = httpApiEvent({ method: 'POST', body: body ?? '', headers });
  return { ...event, ...(body === undefined ? { body: undefined } : {}), ...extra } as APIGatewayProxyEventV2;
};

describe('jsonResponse', () => {
  it('is JSON, never cached, with the body serialized', () => {
    expect(jsonResponse(201, { a: 1 })).toEqual({
      statusCode: 201,
      headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
      body: '{"a":1}',
    });
  });
});

describe('the errors', () => {
  it('are named for logs, with the messages clients read', () => {
    expect(new HttpRequestError('x').name).toBe('HttpRequestError');
    expect([new MalformedBodyError(), new BodyTooLargeError(8), new UnsupportedBodyTypeError(), new MissingIdentityError()].map((e) => [e.name, e.message, e instanceof HttpRequestError])).toEqual([
      ['MalformedBodyError', 'body must be a JSON object', true],
      ['BodyTooLargeError', 'body must be at most 8 bytes', true],
      ['UnsupportedBodyTypeError', 'body must be application/json', true],
      ['MissingIdentityError', 'authentication required', true],
    ]);
  });

  it('map to their statuses without a route list too', () => {
    expect([new MalformedBodyError(), new MissingIdentityError(), new BodyTooLargeError(1), new UnsupportedBodyTypeError(), new Error('x')].map((e) => statusForError(e))).toEqual([
      400, 401, 413, 415, undefined,
    ]);
  });
});

describe('cors', () => {
  it('refuses a wildcard anywhere in the list, saying why', () => {
    expect(() => cors({ origins: [ORIGIN, 'https://*.example.com'] })).toThrow(new TypeError('CORS origins must be exact origins, not wildcards'));
  });

  it('announces exactly the headers, methods and cache time of a preflight', async () => {
    const { call } = stack(async () => jsonResponse(200, {}));
    const res = await call(httpApiEvent({ method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'PUT' } }));
    expect(res.headers).toMatchObject({
      'Access-Control-Allow-Origin': ORIGIN,
      'Access-Control-Allow-Headers': 'Authorization,Content-Type',
      'Access-Control-Allow-Methods': 'GET,POST,PUT,OPTIONS',
      'Access-Control-Max-Age': '600',
    });
  });

  it('takes other methods and cache time when given', async () => {
    const run = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
      .use(cors({ origins: [ORIGIN], methods: ['DELETE'], maxAge: 5 }))
      .handler(async () => jsonResponse(200, {}));
    const res = (await run(httpApiEvent({ method: 'OPTIONS', headers: { origin: ORIGIN } }), lambdaContext())) as APIGatewayProxyStructuredResultV2;
    expect(res.headers).toMatchObject({ 'Access-Control-Allow-Methods': 'DELETE', 'Access-Control-Max-Age': '5' });
  });
});

describe('httpApi without a body', () => {
  it('runs a route that reads no body, with no content type asked', async () => {
    const { call } = stack(async () => jsonResponse(200, { ok: true }));
    const res = await call(httpApiEvent({ method: 'GET', headers: { origin: ORIGIN } }));
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('{"ok":true}');
  });

  it('forgets the keys one request appended to the log before the next', async () => {
    const lines: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      const logger = new Logger({ serviceName: 'test', logLevel: 'INFO' });
      const { call } = stack(
        async (event) => {
          if (event.rawPath === '/first') logger.appendKeys({ caller: 'first' });
          logger.info('handled');
          return jsonResponse(200, {});
        },
        { logger },
      );
      await call(httpApiEvent({ method: 'GET', path: '/first' }));
      await call(httpApiEvent({ method: 'GET', path: '/second' }));
    } finally {
      write.mockRestore();
    }
    const handled = lines.flatMap((text) => text.split('\n')).filter((line) => line.includes('"handled"')).map((line) => JSON.parse(line));
    expect(handled.map((line) => line.caller)).toEqual(['first', undefined]);
  });
});

describe('the refusals an operator reads', () => {
  it('logs a typed refusal with its status, error name and reason', async () => {
    const { call, warn } = stack(async () => jsonResponse(200, {}), { jsonBodyMaxBytes: 8 });
    const res = await call(post('{"a":"xxxxxxxx"}'));
    expect(res.statusCode).toBe(413);
    expect(warn).toHaveBeenCalledWith('request refused', { status: 413, errorName: 'BodyTooLargeError', reason: 'body must be at most 8 bytes' });
  });

  it("logs a schema refusal with the schema's message", async () => {
    const { call, warn } = stack(async () => {
      throw new ParseError('failed', { cause: [{ message: 'bio is too long', code: 'custom' }] });
    });
    const res = await call(httpApiEvent({ method: 'GET' }));
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body as string)).toEqual({ message: 'bio is too long' });
    expect(warn).toHaveBeenCalledWith('request refused', { status: 400, errorName: 'ParseError', reason: 'bio is too long' });
  });

  it.each([
    ['no issues', []],
    ['an issue without a message', [{ code: 'custom' }]],
    ['an empty message', [{ message: '', code: 'custom' }]],
    ['a cause that is no list', { message: 'not a list' }],
  ])('answers a schema refusal with %s by a general 400 message', async (_, cause) => {
    const { call } = stack(async () => {
      throw new ParseError('failed', { cause });
    });
    const res = await call(httpApiEvent({ method: 'GET' }));
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body as string)).toEqual({ message: 'the request is not valid' });
  });

  it("hides a foreign error's own status and message behind the bare 500", async () => {
    const { call, error } = stack(async () => {
      throw Object.assign(new Error('SELECT * FROM secrets'), { statusCode: 418, expose: true });
    });
    const res = await call(httpApiEvent({ method: 'GET' }));
    expect(res.statusCode).toBe(500);
    expect(res.body).toBe('{"message":"internal error"}');
    expect(error).toHaveBeenCalledWith('request failed', { error: expect.objectContaining({ message: 'SELECT * FROM secrets' }) });
  });

  it('answers a thrown null with the bare 500 instead of crashing', async () => {
    const { call, error } = stack(async () => {
      throw null;
    });
    const res = await call(httpApiEvent({ method: 'GET' }));
    expect(res.statusCode).toBe(500);
    expect(res.body).toBe('{"message":"internal error"}');
    expect(error).toHaveBeenCalledWith('request failed', { error: null });
  });

  it('leaves an answer a later middleware already gave', async () => {
    const answered: MiddlewareObj = {
      onError: (request) => {
        request.response = { statusCode: 503, body: '{"message":"try again"}' };
      },
    };
    const { call, error, warn } = stack(
      async () => {
        throw new Error('down');
      },
      { after: answered },
    );
    const res = await call(httpApiEvent({ method: 'GET' }));
    expect(res.statusCode).toBe(503);
    expect(res.body).toBe('{"message":"try again"}');
    expect(error).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
  });

  it('prints nothing beside the structured log (the error formatter logs nothing itself)', async () => {
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const { call } = stack(async () => {
        throw new Error('boom');
      });
      await call(httpApiEvent({ method: 'GET' }));
      expect(consoleError).not.toHaveBeenCalled();
    } finally {
      consoleError.mockRestore();
    }
  });

  it('names its middlewares for middy hooks', () => {
    expect(errorResponses({ logger: new Logger({ logLevel: 'SILENT' }) })[1]?.name).toBe('errorResponses');
    expect(jsonBody().name).toBe('jsonBody');
  });
});

describe('jsonBody edges', () => {
  const route = async (event: APIGatewayProxyEventV2) => jsonResponse(200, { got: event.body });

  it('refuses a request without headers or without a content type as 415', async () => {
    const { call } = stack(route, { jsonBodyMaxBytes: 64 });
    const bare = { ...post('{}'), headers: undefined } as unknown as APIGatewayProxyEventV2;
    expect((await call(bare)).statusCode).toBe(415);
    expect((await call(post('{}', { origin: ORIGIN }))).statusCode).toBe(415);
    const res = await call(post('{}', { 'x-content-type': 'application/json' }));
    expect(JSON.parse(res.body as string)).toEqual({ message: 'body must be application/json' });
  });

  it('refuses a missing body as required', async () => {
    const { call } = stack(route, { jsonBodyMaxBytes: 64 });
    const res = await call(post(undefined));
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body as string)).toEqual({ message: 'body is required' });
  });

  it('accepts a body of exactly the limit, refuses one byte more', async () => {
    const { call } = stack(route, { jsonBodyMaxBytes: 12 });
    expect((await call(post('{"a":"1234"}'))).statusCode).toBe(200);
    expect((await call(post('{"a":"12345"}'))).statusCode).toBe(413);
  });

  it('counts the limit in bytes of UTF-8, not characters', async () => {
    const { call } = stack(route, { jsonBodyMaxBytes: 12 });
    expect((await call(post('{"a":"éé"}'))).statusCode).toBe(200);
    expect((await call(post('{"a":"ééé"}'))).statusCode).toBe(413);
  });

  it('keeps the JSON error as the cause of a malformed body', () => {
    const middleware = jsonBody();
    const request = { event: post('{"a":') } as never;
    let thrown: unknown;
    try {
      (middleware.before as (request: unknown) => void)(request);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MalformedBodyError);
    expect((thrown as Error).cause).toBeInstanceOf(SyntaxError);
  });

  it('takes structured JSON media types and parameters, nothing that only contains json', async () => {
    const { call } = stack(route, { jsonBodyMaxBytes: 64 });
    for (const type of ['application/vnd.api+json', 'application/problem+json', 'application/json ; charset=utf-8', 'APPLICATION/JSON']) {
      expect([type, (await call(post('{}', { 'content-type': type }))).statusCode]).toEqual([type, 200]);
    }
    for (const type of ['xapplication/json', 'application/jsonx', 'application/+json', 'application/a b+json', 'text/json']) {
      expect([type, (await call(post('{}', { 'content-type': type }))).statusCode]).toEqual([type, 415]);
    }
  });

  it('refuses base64 without its padding', async () => {
    const { call } = stack(route, { jsonBodyMaxBytes: 64 });
    const res = await call(post('e30', undefined, { isBase64Encoded: true }));
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body as string)).toEqual({ message: 'body is not valid base64' });
    expect((await call(post('e30=', undefined, { isBase64Encoded: true }))).statusCode).toBe(200);
  });

  it('takes 16 KiB when no limit is given', () => {
    const before = jsonBody().before as (request: unknown) => void;
    const exactly = `{"a":"${'x'.repeat(16 * 1024 - 8)}"}`;
    expect(() => before({ event: post(exactly) })).not.toThrow();
    expect(() => before({ event: post(`${exactly} `) })).toThrow(new BodyTooLargeError(16 * 1024));
  });

  it('keeps the decoder error as the cause of a body that is not UTF-8', () => {
    const before = jsonBody().before as (request: unknown) => void;
    const body = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]).toString('base64');
    let thrown: unknown;
    try {
      before({ event: post(body, undefined, { isBase64Encoded: true }) });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toEqual(new MalformedBodyError('body is not valid UTF-8'));
    expect((thrown as Error).cause).toMatchObject({ name: 'TypeError', code: 'ERR_ENCODING_INVALID_ENCODED_DATA' });
  });
});
