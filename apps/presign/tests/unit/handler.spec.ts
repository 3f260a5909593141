import { httpApiEvent, lambdaContext } from '@cruddur/shared/lambda-events';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

describe('handler (module-scope wiring from the environment)', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('reads bucket, cap, expiry and origins from the environment', async () => {
    Object.assign(process.env, {
      UPLOADS_BUCKET: 'env-bucket',
      UPLOAD_MAX_BYTES: '1000',
      UPLOAD_URL_EXPIRES_SECONDS: '60',
      ALLOWED_ORIGINS: 'https://app.example',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    });
    let handler: (e: unknown, c: unknown) => Promise<unknown> = async () => undefined;
    jest.isolateModules(() => {
      handler = require('../../src/handler').handler;
    });
    const ok = (await handler(
      httpApiEvent({ method: 'POST', body: { contentType: 'image/png', contentLength: 1000 }, headers: { origin: 'https://app.example' } }),
      lambdaContext(),
    )) as APIGatewayProxyStructuredResultV2;
    expect(ok.statusCode).toBe(200);
    const ticket = JSON.parse(ok.body as string);
    expect(new URL(ticket.url).host).toBe('env-bucket.s3.us-east-1.amazonaws.com');
    expect(new URL(ticket.url).searchParams.get('X-Amz-Expires')).toBe('60');
    expect(ok.headers?.['Access-Control-Allow-Origin']).toBe('https://app.example');

    const tooBig = (await handler(
      httpApiEvent({ method: 'POST', body: { contentType: 'image/png', contentLength: 1001 } }),
      lambdaContext(),
    )) as APIGatewayProxyStructuredResultV2;
    expect(tooBig.statusCode).toBe(413);
  });
});
