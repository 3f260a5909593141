import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { AvatarUploadRequestSchema, MAX_UPLOAD_BYTES } from '@cruddur/shared/contract';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { httpApiEvent, lambdaContext } from '@cruddur/shared/lambda-events';
import { bodySchema, httpApi, jsonResponse } from '../../src';

function build() {
  const logger = new Logger({ serviceName: 'test', logLevel: 'SILENT' });
  const route = jest.fn(async (body: { contentType: string; contentLength: number }) => jsonResponse(200, body));
  const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(httpApi({ logger, origins: ['https://cruddur.example.com'], jsonBodyMaxBytes: 1024 }))
    .use(bodySchema(AvatarUploadRequestSchema))
    .handler((event) => route(event.body));
  return {
    route,
    call: async (body: unknown) => {
      // Typed by the parsed event, as middy types a handler behind a parser; Lambda hands it the raw one.
      const res = (await handler(httpApiEvent({ method: 'POST', body: body as object }) as never, lambdaContext())) as APIGatewayProxyStructuredResultV2;
      return { statusCode: res.statusCode, json: JSON.parse(res.body as string) as Record<string, unknown> };
    },
  };
}

describe('bodySchema', () => {
  it("hands the route the schema's output", async () => {
    const { call } = build();
    expect(await call({ contentType: ' IMAGE/png', contentLength: 3, extension: 'png' })).toEqual({
      statusCode: 200,
      json: { contentType: 'image/png', contentLength: 3 },
    });
  });

  it.each([
    ['an unsupported type', { contentType: 'image/svg+xml', contentLength: 3 }, 415, /contentType must be one of/],
    ['a file over the cap', { contentType: 'image/png', contentLength: MAX_UPLOAD_BYTES + 1 }, 413, /at most 10485760 bytes/],
    ['a bad length', { contentType: 'image/png', contentLength: -1 }, 400, /contentLength must be a positive whole number/],
    ['an unknown field', { contentType: 'image/png', contentLength: 1, key: 'x' }, 400, /unexpected field: key/],
  ])('answers %s with the contract status and its short message, without running the route', async (_, body, status, message) => {
    const { call, route } = build();
    const res = await call(body);
    expect(res.statusCode).toBe(status);
    expect(Object.keys(res.json)).toEqual(['message']);
    expect(res.json['message']).toMatch(message);
    expect(route).not.toHaveBeenCalled();
  });
});
