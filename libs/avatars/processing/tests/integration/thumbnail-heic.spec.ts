import { Logger } from '@aws-lambda-powertools/logger';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { UploadUrlSigner, presignAvatarUpload } from '@cruddur/avatars/upload';
import { lambdaContext, s3Event } from '@cruddur/shared/lambda-events';
import { avatarUploadKey } from '@cruddur/storage/s3-keys';
import { heicFixture } from '@cruddur/testing/images';
import { LOCAL_S3_CREDENTIALS, type LocalS3, startLocalS3 } from '@cruddur/testing/fixtures';
import sharp from 'sharp';
import { createThumbnailHandler } from '../../src';
import { type ThumbnailSummary } from '../../src/thumbnail-handler';
import { recordingPublisher } from '../helpers/recording-publisher';

const SUB = '0c6f9a52-2a4e-4d55-9a61-6f1b2d3c4e5f';
const MAX_BYTES = 10 * 1024 * 1024;

let s3: LocalS3;
const { publisher, published, rejected } = recordingPublisher();
const logger = new Logger({ serviceName: 'thumbnail', logLevel: 'SILENT' });

async function run(key: string, size: number): Promise<ThumbnailSummary> {
  const handler = createThumbnailHandler({ s3: s3.client, config: { assetsBucket: 'assets', maxUploadBytes: MAX_BYTES }, publisher, logger });
  return (await handler(s3Event([{ bucket: 'uploads', key, size }]), lambdaContext({ functionName: 'thumbnail' }))) as ThumbnailSummary;
}

async function read(key: string): Promise<Buffer> {
  const out = await s3.client.send(new GetObjectCommand({ Bucket: 'assets', Key: key }));
  return Buffer.from(await out.Body!.transformToByteArray());
}

beforeAll(async () => {
  s3 = await startLocalS3(['uploads', 'assets']);
});
afterAll(() => s3.close());
beforeEach(() => {
  published.length = 0;
  rejected.length = 0;
});

describe('an iPhone HEIC through presign → browser PUT → thumbnail (s3rver)', () => {
  it('becomes upright renditions without its GPS position', async () => {
    const photo = heicFixture('iphonePortrait');
    const config = { bucket: 'uploads', region: 'us-east-1', endpoint: s3.endpoint, maxBytes: MAX_BYTES, expiresInSeconds: 300 };
    const ticket = await presignAvatarUpload(new UploadUrlSigner(config, LOCAL_S3_CREDENTIALS), config, SUB, {
      contentType: 'image/heic',
      contentLength: photo.byteLength,
    });
    expect(ticket.key).toMatch(/\.heic$/);

    const put = await fetch(ticket.url, { method: ticket.method, body: photo, headers: ticket.headers });
    expect(put.status).toBe(200);
    expect(await run(ticket.key, photo.byteLength)).toEqual({ processed: 1, rejected: 0, skipped: 0 });

    expect(published.map((m) => m.renditions.map((r) => `${r.size}.${r.format}`))).toEqual([['512.webp', '512.jpeg', '128.webp', '128.jpeg']]);
    for (const rendition of published[0]!.renditions) {
      const body = await read(rendition.key);
      const meta = await sharp(body).metadata();
      expect(meta).toMatchObject({ format: rendition.format, width: rendition.size, height: rendition.size, space: 'srgb' });
      expect(meta.exif).toBeUndefined();
      expect(body.includes('GPS')).toBe(false);
      const { data, info } = await sharp(body).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      const at = (x: number, y: number) => [...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3)];
      const [r, g, b] = at(Math.floor(info.width / 2), 2);
      expect([r! > 200, g! < 50, b! < 50]).toEqual([true, true, true]);
      expect(at(2, Math.floor(info.height / 2))[0]).toBeLessThan(200);
    }
  });

  it('rejects a truncated HEIC as corrupt and announces it', async () => {
    const key = avatarUploadKey(SUB, 'heic');
    const damaged = heicFixture('photo').subarray(0, 1400);
    await s3.client.send(new PutObjectCommand({ Bucket: 'uploads', Key: key, Body: damaged, ContentType: 'image/heic' }));

    expect(await run(key, damaged.byteLength)).toEqual({ processed: 0, rejected: 1, skipped: 0 });
    expect(published).toEqual([]);
    expect(rejected.map((m) => [m.uploadKey, m.reason])).toEqual([[key, 'corrupt']]);
  });
});
