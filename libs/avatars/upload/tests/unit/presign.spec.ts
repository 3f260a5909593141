import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { parseAvatarUploadKey } from '@cruddur/storage/s3-keys';
import { UploadUrlSigner, presignAvatarUpload, type PresignConfig } from '../../src';
import { UploadConfigError } from '../../src/errors';
import { presignConfigFromEnv } from '../../src/presign';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const config: PresignConfig = { bucket: 'cruddur-uploads', region: 'eu-west-1', maxBytes: 10_485_760, expiresInSeconds: 300 };
const signer = new UploadUrlSigner(config, credentials);
const SUB = '0c9f5e2a-7b1d-4f3e-9a55-2d7c1e8b4a10';
const now = new Date('2026-11-26T12:00:00Z');

async function ticket() {
  return presignAvatarUpload(signer, config, SUB, { contentType: 'image/webp', contentLength: 123_456 }, now);
}

/** What the SDK's full S3 client signs for the same PUT, as a reference. */
async function sdkUrl(c: Pick<PresignConfig, 'region' | 'endpoint'>, bucket: string, key: string, type: string, length: number) {
  const client = new S3Client({
    region: c.region,
    endpoint: c.endpoint,
    forcePathStyle: c.endpoint !== undefined,
    credentials,
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
  const url = await getSignedUrl(client, new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: type, ContentLength: length }), {
    expiresIn: 300,
    signingDate: now,
    signableHeaders: new Set(['content-type', 'content-length']),
  });
  return new URL(url);
}

describe('UploadUrlSigner', () => {
  it.each([
    ['virtual-hosted bucket', { region: 'eu-west-1' }, 'cruddur-uploads', 'uploads/avatars/u-1/1795694400000-0123456789abcdef.jpg'],
    ['dotted bucket (path style)', { region: 'us-east-1' }, 'uploads.cruddur.example', 'uploads/avatars/u/1.png'],
    ['local endpoint', { region: 'us-east-1', endpoint: 'http://127.0.0.1:4569' }, 'uploads', 'uploads/avatars/u/1.png'],
    ['key with spaces, unicode and specials', { region: 'eu-west-1' }, 'cruddur-uploads', "uploads/avatars/Zoë S+(1)'!*~/x.jpg"],
  ])('signs exactly what the SDK S3 client signs: %s', async (_, c, bucket, key) => {
    const ours = new URL(
      await new UploadUrlSigner(c, credentials).signPut({
        bucket,
        key,
        contentType: 'image/jpeg',
        contentLength: 4242,
        expiresInSeconds: 300,
        signingDate: now,
      }),
    );
    const reference = await sdkUrl(c, bucket, key, 'image/jpeg', 4242);
    expect(ours.origin + ours.pathname).toBe(reference.origin + reference.pathname);
    expect(Object.fromEntries(ours.searchParams)).toEqual(Object.fromEntries(reference.searchParams));
  });

  it('adds the session token of temporary (Lambda role) credentials', async () => {
    const url = new URL(
      await new UploadUrlSigner(config, { ...credentials, sessionToken: 'FwoGZXIvYXdzEXAMPLE' }).signPut({
        bucket: 'b-1',
        key: 'k',
        contentType: 'image/png',
        contentLength: 1,
        expiresInSeconds: 60,
        signingDate: now,
      }),
    );
    expect(url.searchParams.get('X-Amz-Security-Token')).toBe('FwoGZXIvYXdzEXAMPLE');
  });
});

describe('presignAvatarUpload', () => {
  it('answers with everything the browser needs', async () => {
    const t = await ticket();
    expect(t.method).toBe('PUT');
    expect(t.headers).toEqual({ 'Content-Type': 'image/webp', 'Content-Length': '123456' });
    expect(t.expiresAt).toBe('2026-11-26T12:05:00.000Z');
    const upload = parseAvatarUploadKey(t.key);
    expect(upload.sub).toBe(SUB);
    expect(upload.extension).toBe('webp');
    expect(upload.issuedAt).toEqual(now);
    expect(t.uploadId).toBe(upload.uploadId);
  });

  it('signs host, content type and content length, so S3 refuses any other file', async () => {
    const t = await ticket();
    const url = new URL(t.url);
    expect(url.host).toBe('cruddur-uploads.s3.eu-west-1.amazonaws.com');
    expect(decodeURIComponent(url.pathname)).toBe(`/${t.key}`);
    expect(url.searchParams.get('X-Amz-SignedHeaders')?.split(';')).toEqual(['content-length', 'content-type', 'host']);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(url.searchParams.get('X-Amz-Date')).toBe('20261126T120000Z');
    expect(url.searchParams.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(url.searchParams.get('X-Amz-Credential')).toBe('AKIDEXAMPLE/20261126/eu-west-1/s3/aws4_request');
  });

  it('carries no checksum of an empty body (S3 would hold it against the real file)', async () => {
    const names = [...new URL((await ticket()).url).searchParams.keys()].map((k) => k.toLowerCase());
    expect(names.filter((k) => k.includes('checksum'))).toEqual([]);
  });

  it('a default SDK client would have added that checksum: the care matters', async () => {
    const naive = new S3Client({ region: 'eu-west-1', credentials });
    const url = new URL(await getSignedUrl(naive, new PutObjectCommand({ Bucket: 'b-1', Key: 'k' }), { expiresIn: 60 }));
    expect([...url.searchParams.keys()].some((k) => k.toLowerCase().includes('checksum'))).toBe(true);
  });

  it('binds a crop into the signature as an x-amz-meta-crop header the PUT must carry', async () => {
    const t = await presignAvatarUpload(signer, config, SUB, { contentType: 'image/jpeg', contentLength: 10, crop: { left: 0.5, top: 0, width: 0.5, height: 1 } }, now);
    expect(t.headers).toEqual({ 'Content-Type': 'image/jpeg', 'Content-Length': '10', 'x-amz-meta-crop': '0.5000,0.0000,0.5000,1.0000' });
    const url = new URL(t.url);
    expect(url.searchParams.get('X-Amz-SignedHeaders')?.split(';')).toEqual(['content-length', 'content-type', 'host', 'x-amz-meta-crop']);
    // In the query, the metadata would come from the URL and a PUT without the header would pass.
    expect([...url.searchParams.keys()].filter((k) => k.toLowerCase().includes('meta'))).toEqual([]);
  });

  it('signs a different URL for a different crop', async () => {
    const crop = (left: number) => presignAvatarUpload(signer, config, SUB, { contentType: 'image/jpeg', contentLength: 10, crop: { left, top: 0, width: 0.5, height: 1 } }, now);
    const [a, b] = await Promise.all([crop(0), crop(0.5)]);
    expect(new URL(a.url).searchParams.get('X-Amz-Signature')).not.toBe(new URL(b.url).searchParams.get('X-Amz-Signature'));
  });

  it('issues a new key for every request', async () => {
    const [a, b] = await Promise.all([ticket(), ticket()]);
    expect(a.key).not.toBe(b.key);
  });
});

describe('presignConfigFromEnv', () => {
  it('has safe defaults', () => {
    expect(presignConfigFromEnv({ UPLOADS_BUCKET: 'b', AWS_REGION: 'eu-west-1' })).toEqual({
      bucket: 'b',
      region: 'eu-west-1',
      endpoint: undefined,
      maxBytes: 10_485_760,
      expiresInSeconds: 300,
    });
  });

  it('reads overrides', () => {
    expect(
      presignConfigFromEnv({
        UPLOADS_BUCKET: 'b',
        AWS_REGION: 'us-east-1',
        UPLOAD_MAX_BYTES: '2048',
        UPLOAD_URL_EXPIRES_SECONDS: '60',
        S3_ENDPOINT: 'http://127.0.0.1:4569',
      }),
    ).toEqual({ bucket: 'b', region: 'us-east-1', endpoint: 'http://127.0.0.1:4569', maxBytes: 2048, expiresInSeconds: 60 });
  });

  it.each([
    [{ AWS_REGION: 'r' }],
    [{ UPLOADS_BUCKET: 'b' }],
    [{ UPLOADS_BUCKET: 'b', AWS_REGION: 'r', UPLOAD_MAX_BYTES: 'ten' }],
    [{ UPLOADS_BUCKET: 'b', AWS_REGION: 'r', UPLOAD_MAX_BYTES: '-1' }],
    [{ UPLOADS_BUCKET: 'b', AWS_REGION: 'r', UPLOAD_URL_EXPIRES_SECONDS: '604801' }],
    [{ UPLOADS_BUCKET: 'b', AWS_REGION: 'r', S3_ENDPOINT: 'http://127.0.0.1:4569/path' }],
  ])('refuses a broken configuration %j', (env) => {
    expect(() => presignConfigFromEnv(env)).toThrow(UploadConfigError);
  });
});
