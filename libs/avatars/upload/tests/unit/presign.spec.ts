import { parseAvatarUploadKey } from '@cruddur/s3-keys';
import {
  UploadConfigError,
  presignAvatarUpload,
  presignConfigFromEnv,
  presignS3Client,
} from '../../src';

const s3 = presignS3Client({
  region: 'eu-west-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
});
const config = { bucket: 'cruddur-uploads', maxBytes: 10_485_760, expiresInSeconds: 300 };
const SUB = '0c9f5e2a-7b1d-4f3e-9a55-2d7c1e8b4a10';
const now = new Date('2026-11-26T12:00:00Z');

async function ticket() {
  return presignAvatarUpload(s3, config, SUB, { contentType: 'image/webp', contentLength: 123_456 }, now);
}

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
    const url = new URL((await ticket()).url);
    const names = [...url.searchParams.keys()].map((k) => k.toLowerCase());
    expect(names.filter((k) => k.includes('checksum'))).toEqual([]);
  });

  it('a default SDK client would have added that checksum: the setting matters', async () => {
    const { S3Client } = await import('@aws-sdk/client-s3');
    const naive = new S3Client({ region: 'eu-west-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    const url = new URL((await presignAvatarUpload(naive, config, SUB, { contentType: 'image/png', contentLength: 5 }, now)).url);
    expect([...url.searchParams.keys()].some((k) => k.toLowerCase().includes('checksum'))).toBe(true);
  });

  it('issues a new key for every request', async () => {
    const [a, b] = await Promise.all([ticket(), ticket()]);
    expect(a.key).not.toBe(b.key);
  });
});

describe('presignConfigFromEnv', () => {
  it('has safe defaults', () => {
    expect(presignConfigFromEnv({ UPLOADS_BUCKET: 'b' })).toEqual({ bucket: 'b', maxBytes: 10_485_760, expiresInSeconds: 300 });
  });

  it('reads overrides', () => {
    expect(presignConfigFromEnv({ UPLOADS_BUCKET: 'b', UPLOAD_MAX_BYTES: '2048', UPLOAD_URL_EXPIRES_SECONDS: '60' })).toEqual({
      bucket: 'b',
      maxBytes: 2048,
      expiresInSeconds: 60,
    });
  });

  it.each([
    [{}],
    [{ UPLOADS_BUCKET: 'b', UPLOAD_MAX_BYTES: 'ten' }],
    [{ UPLOADS_BUCKET: 'b', UPLOAD_MAX_BYTES: '-1' }],
    [{ UPLOADS_BUCKET: 'b', UPLOAD_URL_EXPIRES_SECONDS: '604801' }],
  ])('refuses a broken configuration %j', (env) => {
    expect(() => presignConfigFromEnv(env)).toThrow(UploadConfigError);
  });
});
