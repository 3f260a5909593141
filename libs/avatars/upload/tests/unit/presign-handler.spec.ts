import { Logger } from '@aws-lambda-powertools/logger';
import { parseAvatarUploadKey } from '@cruddur/storage/s3-keys';
import { httpApiEvent, lambdaContext } from '@cruddur/shared/lambda-events';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { UploadUrlSigner, createPresignHandler } from '../../src';

const ORIGIN = 'http://localhost:5173';
const SUB = '6a2f0c1e-93d4-4b8a-b1c2-0d9e8f7a6b5c';
const logger = new Logger({ serviceName: 'presign', logLevel: 'SILENT' });
const config = { bucket: 'uploads', region: 'us-east-1', maxBytes: 10 * 1024 * 1024, expiresInSeconds: 300 };
const route = createPresignHandler({
  signer: new UploadUrlSigner(config, { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }),
  config,
  logger,
  origins: [ORIGIN],
});

async function call(body: unknown, extra: Parameters<typeof httpApiEvent>[0] = {}) {
  const event = httpApiEvent({
    routeKey: 'POST /avatars/key_upload',
    body,
    headers: { origin: ORIGIN, ...(typeof body === 'string' ? { 'content-type': 'application/json' } : {}) },
    authorizer: { sub: SUB, username: 'andrew' },
    ...extra,
  });
  // Typed by the parsed event, as middy types a handler behind a parser; Lambda hands it the raw one.
  const res = (await route(event as never, lambdaContext())) as APIGatewayProxyStructuredResultV2;
  return { ...res, json: res.body ? JSON.parse(res.body) : undefined };
}

describe('POST /avatars/key_upload', () => {
  it('answers 200 with an upload ticket for the caller', async () => {
    const res = await call({ contentType: 'image/jpeg', contentLength: 2_000_000 });
    expect(res.statusCode).toBe(200);
    expect(res.headers?.['Access-Control-Allow-Origin']).toBe(ORIGIN);
    expect(res.headers?.['Cache-Control']).toBe('no-store');
    expect(Object.keys(res.json).sort()).toEqual(['expiresAt', 'headers', 'key', 'method', 'uploadId', 'url']);
    expect(parseAvatarUploadKey(res.json.key).sub).toBe(SUB);
    expect(new URL(res.json.url).searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host');
  });

  it('answers the signed crop header when a crop was asked for', async () => {
    const res = await call({ contentType: 'image/jpeg', contentLength: 2_000, crop: { left: 0.25, top: 0.1, width: 0.5, height: 0.6 } });
    expect(res.statusCode).toBe(200);
    expect(res.json.headers['x-amz-meta-crop']).toBe('0.2500,0.1000,0.5000,0.6000');
    expect(new URL(res.json.url).searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host;x-amz-meta-crop');
  });

  it('takes the key from the authorizer, never from the body', async () => {
    const res = await call({ contentType: 'image/jpeg', contentLength: 10, extension: 'html' }, {
      authorizer: { sub: 'the-real-caller', username: 'x' },
    });
    expect(res.json.key).toMatch(/^uploads\/avatars\/the-real-caller\/\d{13}-[0-9a-f]{16}\.jpg$/);
    const spoofed = await call({ contentType: 'image/jpeg', contentLength: 10, sub: 'victim' });
    expect(spoofed.statusCode).toBe(400);
  });

  it.each([
    ['a missing length', { contentType: 'image/png' }, 400],
    ['a negative length', { contentType: 'image/png', contentLength: -1 }, 400],
    ['a huge length', { contentType: 'image/png', contentLength: 10 * 1024 * 1024 + 1 }, 413],
    ['an absurd length', { contentType: 'image/png', contentLength: 1e300 }, 400],
    ['SVG', { contentType: 'image/svg+xml', contentLength: 100 }, 415],
    ['text/html', { contentType: 'text/html', contentLength: 100 }, 415],
    ['extra fields', { contentType: 'image/png', contentLength: 100, key: 'uploads/avatars/victim/x.png' }, 400],
    ['malformed JSON', '{"contentType": "image/png", ', 400],
    ['a JSON array', '[]', 400],
    ['a crop past the edge', { contentType: 'image/png', contentLength: 100, crop: { left: 0.8, top: 0, width: 0.5, height: 1 } }, 400],
    ['a crop with a string', { contentType: 'image/png', contentLength: 100, crop: { left: '0', top: 0, width: 0.5, height: 1 } }, 400],
    ['a crop with an extra field', { contentType: 'image/png', contentLength: 100, crop: { left: 0, top: 0, width: 0.5, height: 1, angle: 90 } }, 400],
    ['a crop as text', { contentType: 'image/png', contentLength: 100, crop: '0,0,1,1' }, 400],
    ['an oversized body', JSON.stringify({ contentType: 'image/png', contentLength: 1, pad: 'x'.repeat(2000) }), 413],
  ])('refuses %s with %i and a short message', async (_, body, status) => {
    const res = await call(body);
    expect(res.statusCode).toBe(status);
    expect(res.json).toEqual({ message: expect.any(String) });
    expect(res.json.message.length).toBeLessThan(120);
    expect(res.headers?.['Access-Control-Allow-Origin']).toBe(ORIGIN);
  });

  it('refuses a form-encoded body with 415', async () => {
    const res = await call('contentType=image/png', { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.statusCode).toBe(415);
  });

  it('answers 401 when reached without the authorizer context', async () => {
    const res = await call({ contentType: 'image/png', contentLength: 10 }, { authorizer: null });
    expect(res.statusCode).toBe(401);
  });

  it('answers 403 for an identity that cannot form a key', async () => {
    const res = await call({ contentType: 'image/png', contentLength: 10 }, { authorizer: { sub: '../x', username: 'x' } });
    expect(res.statusCode).toBe(403);
  });

  it('answers the CORS preflight itself', async () => {
    const res = await call(undefined, { method: 'OPTIONS', routeKey: 'OPTIONS /avatars/key_upload', authorizer: null });
    expect(res.statusCode).toBe(204);
    expect(res.headers?.['Access-Control-Allow-Origin']).toBe(ORIGIN);
  });
});
