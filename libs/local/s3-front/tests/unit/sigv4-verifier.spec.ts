import { createHash } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { UploadUrlSigner } from '@cruddur/avatars/upload';
import { SigV4Verifier, sha256 } from '../../src';
import { type IncomingS3Request } from '../../src/sigv4-verifier';
import { S3Error } from '../../src/errors';
import { parseS3Target } from '../../src/s3-target';

const REGION = 'us-east-1';
const CREDENTIALS = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' };
const ENDPOINT = 'http://127.0.0.1:4569';
const KEY = 'uploads/avatars/u-1/1767225600000-9f86d081884c7d65.jpg';

function verifier(now: Date = new Date()) {
  return new SigV4Verifier({ region: REGION, credentials: [CREDENTIALS], now: () => now });
}

/** The request a client sends to a presigned URL, as the front receives it. */
function received(url: string, headers: Record<string, string>, method = 'PUT'): IncomingS3Request {
  const { pathname, search, host } = new URL(url);
  const target = parseS3Target(`${pathname}${search}`);
  return { method, rawPath: target.rawPath, query: target.query, headers: { host, ...headers } };
}

async function presigned(options: { signingDate?: Date; expiresInSeconds?: number; key?: string; credentials?: typeof CREDENTIALS; region?: string } = {}) {
  const signer = new UploadUrlSigner({ region: options.region ?? REGION, endpoint: ENDPOINT }, options.credentials ?? CREDENTIALS);
  return signer.signPut({
    bucket: 'uploads',
    key: options.key ?? KEY,
    contentType: 'image/jpeg',
    contentLength: 1234,
    expiresInSeconds: options.expiresInSeconds ?? 300,
    signingDate: options.signingDate ?? new Date(),
  });
}

const uploadHeaders = { 'content-type': 'image/jpeg', 'content-length': '1234' };

async function refusal(promise: Promise<unknown>): Promise<S3Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(S3Error);
  return error as S3Error;
}

describe('SigV4Verifier, presigned URLs', () => {
  it('accepts the URL the presign lambda issues, with the signed headers', async () => {
    const auth = await verifier().authenticate(received(await presigned(), uploadHeaders));
    expect(auth).toEqual({ kind: 'presigned', accessKeyId: CREDENTIALS.accessKeyId, payloadHash: 'UNSIGNED-PAYLOAD' });
  });

  it('accepts keys with spaces and unicode', async () => {
    const url = await presigned({ key: 'uploads/avatars/Zoë Ünïcode + 🙂/1767225600000-9f86d081884c7d65.jpg' });
    await expect(verifier().authenticate(received(url, uploadHeaders))).resolves.toMatchObject({ kind: 'presigned' });
  });

  it.each([
    ['another content type', { ...uploadHeaders, 'content-type': 'image/png' }],
    ['another content length', { ...uploadHeaders, 'content-length': '99999' }],
  ])('refuses %s: 403 SignatureDoesNotMatch with the string to sign', async (_, headers) => {
    const error = await refusal(verifier().authenticate(received(await presigned(), headers)));
    expect([error.status, error.code]).toEqual([403, 'SignatureDoesNotMatch']);
    expect(error.detail['StringToSign']).toMatch(/^AWS4-HMAC-SHA256\n/);
    expect(error.detail['CanonicalRequest']).toMatch(/^PUT\n\/uploads\/uploads\/avatars\/u-1\//);
  });

  it.each([
    ['a changed key', (url: URL) => void (url.pathname = url.pathname.replace('u-1', 'u-2'))],
    ['a longer expiry', (url: URL) => url.searchParams.set('X-Amz-Expires', '600')],
    ['a changed signature', (url: URL) => url.searchParams.set('X-Amz-Signature', '0'.repeat(64))],
    ['another method', undefined],
  ])('refuses %s', async (_, change) => {
    const url = new URL(await presigned());
    change?.(url);
    const error = await refusal(verifier().authenticate(received(url.toString(), uploadHeaders, change ? 'PUT' : 'POST')));
    expect(error.code).toBe('SignatureDoesNotMatch');
  });

  it('refuses a URL signed with another secret', async () => {
    const url = await presigned({ credentials: { ...CREDENTIALS, secretAccessKey: 'guessed' } });
    expect((await refusal(verifier().authenticate(received(url, uploadHeaders)))).code).toBe('SignatureDoesNotMatch');
  });

  it('refuses an expired URL: 403 AccessDenied "Request has expired"', async () => {
    const signingDate = new Date('2026-01-01T00:00:00Z');
    const url = await presigned({ signingDate, expiresInSeconds: 300 });
    await expect(verifier(new Date('2026-01-01T00:05:00Z')).authenticate(received(url, uploadHeaders))).resolves.toBeDefined();
    const error = await refusal(verifier(new Date('2026-01-01T00:05:01Z')).authenticate(received(url, uploadHeaders)));
    expect([error.status, error.code, error.message]).toEqual([403, 'AccessDenied', 'Request has expired']);
    expect(error.detail).toMatchObject({ 'X-Amz-Expires': '300', Expires: '2026-01-01T00:05:00Z', ServerTime: '2026-01-01T00:05:01Z' });
  });

  it('refuses a URL dated in the future', async () => {
    const url = await presigned({ signingDate: new Date(Date.now() + 3600_000) });
    expect((await refusal(verifier().authenticate(received(url, uploadHeaders)))).message).toBe('Request is not yet valid');
  });

  it('refuses an unknown access key: 403 InvalidAccessKeyId', async () => {
    const url = await presigned({ credentials: { accessKeyId: 'AKIDOTHER', secretAccessKey: 'x' } });
    expect((await refusal(verifier().authenticate(received(url, uploadHeaders)))).code).toBe('InvalidAccessKeyId');
  });

  it('refuses another region: 400 AuthorizationQueryParametersError', async () => {
    const error = await refusal(verifier().authenticate(received(await presigned({ region: 'eu-west-1' }), uploadHeaders)));
    expect([error.status, error.code]).toEqual([400, 'AuthorizationQueryParametersError']);
    expect(error.message).toContain("the region 'eu-west-1' is wrong; expecting 'us-east-1'");
  });

  it('refuses x-amz-* headers the signature does not cover', async () => {
    const error = await refusal(verifier().authenticate(received(await presigned(), { ...uploadHeaders, 'x-amz-meta-owner': 'someone-else' })));
    expect([error.code, error.detail['HeadersNotSigned']]).toEqual(['AccessDenied', 'x-amz-meta-owner']);
  });

  it('refuses an expiry over a week, and missing parameters', async () => {
    const url = new URL(await presigned());
    url.searchParams.set('X-Amz-Expires', '604801');
    expect((await refusal(verifier().authenticate(received(url.toString(), uploadHeaders)))).code).toBe('AuthorizationQueryParametersError');
    url.searchParams.delete('X-Amz-Date');
    expect((await refusal(verifier().authenticate(received(url.toString(), uploadHeaders)))).code).toBe('AuthorizationQueryParametersError');
  });
});

describe('SigV4Verifier, Authorization header (the SDK)', () => {
  async function signed(body: string, overrides: { date?: Date; payloadHash?: string } = {}) {
    const signer = new SignatureV4({ service: 's3', region: REGION, credentials: CREDENTIALS, sha256, uriEscapePath: false });
    const request = await signer.sign(
      {
        method: 'PUT',
        protocol: 'http:',
        hostname: '127.0.0.1',
        port: 4569,
        path: `/assets/avatars/u-1/1767225600000-9f86d081884c7d65/512.jpg`,
        query: { 'x-id': 'PutObject' },
        headers: {
          host: '127.0.0.1:4569',
          'content-type': 'image/jpeg',
          'x-amz-content-sha256': overrides.payloadHash ?? createHash('sha256').update(body).digest('hex'),
        },
      },
      { signingDate: overrides.date ?? new Date() },
    );
    const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]));
    return { method: 'PUT', rawPath: request.path, query: [['x-id', 'PutObject']] as [string, string][], headers };
  }

  it('accepts it and returns the payload hash the body must have', async () => {
    const auth = await verifier().authenticate(await signed('jpeg bytes'));
    expect(auth).toEqual({ kind: 'authorization-header', accessKeyId: CREDENTIALS.accessKeyId, payloadHash: createHash('sha256').update('jpeg bytes').digest('hex') });
  });

  it('refuses a changed signed header', async () => {
    const request = await signed('x');
    request.headers['content-type'] = 'text/html';
    expect((await refusal(verifier().authenticate(request))).code).toBe('SignatureDoesNotMatch');
  });

  it('refuses a request dated more than 15 minutes off: 403 RequestTimeTooSkewed', async () => {
    const request = await signed('x', { date: new Date(Date.now() - 16 * 60_000) });
    expect((await refusal(verifier().authenticate(request))).code).toBe('RequestTimeTooSkewed');
  });

  it('refuses aws-chunked bodies it cannot check', async () => {
    const request = await signed('x', { payloadHash: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD' });
    expect((await refusal(verifier().authenticate(request))).code).toBe('NotImplemented');
  });

  it('refuses two auth mechanisms at once, and signature version 2', async () => {
    const request = await signed('x');
    request.query.push(['X-Amz-Algorithm', 'AWS4-HMAC-SHA256']);
    expect((await refusal(verifier().authenticate(request))).code).toBe('InvalidArgument');
    const v2 = { method: 'GET', rawPath: '/assets/x', query: [], headers: { authorization: 'AWS AKIDLOCAL:c2lnbmF0dXJl' } };
    expect((await refusal(verifier().authenticate(v2))).code).toBe('InvalidRequest');
  });

  it('calls a request without any signature anonymous', async () => {
    await expect(verifier().authenticate({ method: 'GET', rawPath: '/assets/x', query: [], headers: {} })).resolves.toEqual({ kind: 'anonymous' });
  });
});
