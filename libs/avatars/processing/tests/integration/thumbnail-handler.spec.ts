import { Logger } from '@aws-lambda-powertools/logger';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { RENDITION_CACHE_CONTROL, createThumbnailHandler } from '../../src';
import { RetryableProcessingError } from '../../src/errors';
import { snsAvatarProcessedPublisher } from '../../src/sns-publisher';
import { type ThumbnailSummary } from '../../src/thumbnail-handler';
import { recordingPublisher } from '../helpers/recording-publisher';
import { SNSClient } from '@aws-sdk/client-sns';
import { startFaultyS3Proxy } from '../helpers/faulty-s3-proxy';
import { UploadUrlSigner, presignAvatarUpload } from '@cruddur/avatars/upload';
import { UPLOADS_PREFIX, avatarUploadKey, parseAvatarUploadKey } from '@cruddur/storage/s3-keys';
import { lambdaContext, s3Event } from '@cruddur/shared/lambda-events';
import { HALVES_RGB, halvesJpeg, pdfNamedJpg, photoJpeg, pixelBombPng, stripPng, textFileNamedJpg, truncatedJpeg } from '@cruddur/testing/images';
import { LOCAL_S3_CREDENTIALS, type LocalS3, startLocalS3 } from '@cruddur/testing/fixtures';
import type { S3Event } from 'aws-lambda';
import sharp from 'sharp';
import { thumbHashToAverageRGBA } from 'thumbhash';
import { isAvatarPlaceholder } from '@cruddur/shared/contract';

const SUB = 'f3b8c2d1-5e6a-4b7c-8d9e-0a1b2c3d4e5f';
const MAX_BYTES = 10 * 1024 * 1024;

let s3: LocalS3;
const { publisher, published, rejected } = recordingPublisher();
const logger = new Logger({ serviceName: 'thumbnail', logLevel: 'SILENT' });
const errorLog = jest.spyOn(logger, 'error');
const warnLog = jest.spyOn(logger, 'warn');

function handler(client: S3Client = s3.client) {
  return createThumbnailHandler({ s3: client, config: { assetsBucket: 'assets', maxUploadBytes: MAX_BYTES }, publisher, logger });
}

async function run(event: S3Event, client?: S3Client): Promise<ThumbnailSummary> {
  return (await handler(client)(event, lambdaContext({ functionName: 'thumbnail' }))) as ThumbnailSummary;
}

async function store(key: string, body: Buffer, contentType = 'image/jpeg') {
  await s3.client.send(new PutObjectCommand({ Bucket: 'uploads', Key: key, Body: body, ContentType: contentType }));
  return s3Event([{ bucket: 'uploads', key, size: body.byteLength }]);
}

async function read(key: string) {
  const out = await s3.client.send(new GetObjectCommand({ Bucket: 'assets', Key: key }));
  return { ...out, bytes: Buffer.from(await out.Body!.transformToByteArray()) };
}

async function assetKeys(): Promise<string[]> {
  const out = await s3.client.send(new ListObjectsV2Command({ Bucket: 'assets' }));
  return (out.Contents ?? []).map((o) => o.Key!).sort();
}

beforeAll(async () => {
  s3 = await startLocalS3(['uploads', 'assets']);
});
afterAll(() => s3.close());
beforeEach(() => {
  published.length = 0;
  rejected.length = 0;
  errorLog.mockClear();
  warnLog.mockClear();
});

async function originalExists(key: string): Promise<boolean> {
  try {
    await s3.client.send(new HeadObjectCommand({ Bucket: 'uploads', Key: key }));
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'NotFound') return false;
    throw error;
  }
}

describe('presign → browser PUT → thumbnail (s3rver)', () => {
  it('turns an uploaded photo into stripped, immutable renditions and announces them', async () => {
    const photo = await photoJpeg({ width: 1600, height: 1200, exif: true });
    const config = { bucket: 'uploads', region: 'us-east-1', endpoint: s3.endpoint, maxBytes: MAX_BYTES, expiresInSeconds: 300 };
    const ticket = await presignAvatarUpload(
      new UploadUrlSigner(config, LOCAL_S3_CREDENTIALS),
      config,
      SUB,
      { contentType: 'image/jpeg', contentLength: photo.byteLength },
    );

    const put = await fetch(ticket.url, { method: ticket.method, body: photo, headers: { 'Content-Type': ticket.headers['Content-Type'] } });
    expect(put.status).toBe(200);

    const summary = await run(s3Event([{ bucket: 'uploads', key: ticket.key, size: photo.byteLength }]));
    expect(summary).toEqual({ processed: 1, rejected: 0, skipped: 0 });

    expect(published).toHaveLength(1);
    const message = published[0]!;
    expect(message).toMatchObject({ type: 'avatar.processed', sub: SUB, uploadKey: ticket.key });
    expect(message.renditions.map((r) => `${r.size}.${r.format}`)).toEqual(['512.webp', '512.jpeg', '128.webp', '128.jpeg']);

    for (const rendition of message.renditions) {
      const stored = await read(rendition.key);
      expect(stored.ContentType).toBe(rendition.contentType);
      expect(stored.CacheControl).toBe(RENDITION_CACHE_CONTROL);
      const meta = await sharp(stored.bytes).metadata();
      expect(meta.format).toBe(rendition.format);
      expect([meta.width, meta.height]).toEqual([rendition.size, rendition.size]);
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
    }
    expect(message.renditions[0]!.key).toContain(message.version);
  });

  it("announces the avatar's placeholder: a ThumbHash that decodes to roughly the avatar's colour", async () => {
    const teal = { r: 20, g: 150, b: 160 };
    const photo = await sharp({ create: { width: 900, height: 700, channels: 3, background: teal } }).jpeg().toBuffer();
    const event = await store(avatarUploadKey(SUB, 'jpg'), photo);
    expect(await run(event)).toEqual({ processed: 1, rejected: 0, skipped: 0 });

    const { placeholder, renditions } = published[0]!;
    expect(isAvatarPlaceholder(placeholder)).toBe(true);
    const average = thumbHashToAverageRGBA(Buffer.from(placeholder!, 'base64'));
    const rendered = (await sharp((await read(renditions[0]!.key)).bytes).stats()).channels.map((c) => c.mean);
    for (const [i, channel] of (['r', 'g', 'b'] as const).entries()) {
      expect(Math.abs(average[channel] * 255 - teal[channel])).toBeLessThan(12);
      expect(Math.abs(average[channel] * 255 - rendered[i]!)).toBeLessThan(12);
    }
  });

  it('processes a key with spaces and unicode, which S3 delivers URL-encoded', async () => {
    const key = avatarUploadKey('Zoë Ünïcode + 🙂', 'jpg');
    const event = await store(key, await photoJpeg({ width: 300, height: 300 }));
    expect(event.Records[0]!.s3.object.key).toContain('Zo%C3%AB+%C3%9Cn%C3%AFcode+%2B+%F0%9F%99%82');

    expect(await run(event)).toEqual({ processed: 1, rejected: 0, skipped: 0 });
    expect(published[0]!.sub).toBe('Zoë Ünïcode + 🙂');
    const stored = await read(published[0]!.renditions[0]!.key);
    expect(stored.ContentType).toBe('image/webp');
  });

  it('handles a re-delivered event harmlessly: the same renditions, byte for byte, announced again', async () => {
    const key = avatarUploadKey(SUB, 'jpg');
    const event = await store(key, await photoJpeg({ width: 640, height: 480 }));
    await run(event);
    const etags = async () =>
      Promise.all(
        published[0]!.renditions.map(
          async (r) => (await s3.client.send(new HeadObjectCommand({ Bucket: 'assets', Key: r.key }))).ETag,
        ),
      );
    const first = await etags();
    // A duplicate that reaches the original before the first delivery deleted it (S3 delivers at least once).
    await store(key, await photoJpeg({ width: 640, height: 480 }));

    expect(await run(event)).toEqual({ processed: 1, rejected: 0, skipped: 0 });
    expect(await etags()).toEqual(first);
    expect(published).toHaveLength(2);
    expect(published[1]!.renditions).toEqual(published[0]!.renditions);
    expect(published[1]!.version).toBe(published[0]!.version);
  });

  it('drops a re-delivered event whose upload was deleted since, keeping the renditions', async () => {
    const key = avatarUploadKey(SUB, 'jpg');
    const event = await store(key, await photoJpeg({ width: 640, height: 480 }));
    await run(event);
    const before = await assetKeys();
    await s3.client.send(new DeleteObjectCommand({ Bucket: 'uploads', Key: key }));

    expect(await run(event)).toEqual({ processed: 0, rejected: 0, skipped: 1 });
    expect(published).toHaveLength(1);
    expect(await assetKeys()).toEqual(before);
  });

  it('stores every rendition it announces, and nothing else', async () => {
    const event = await store(avatarUploadKey(SUB, 'jpg'), await photoJpeg({ width: 1600, height: 1200 }));
    const send = jest.spyOn(s3.client, 'send');
    const stored: string[] = [];
    send.mockImplementation(async function (this: S3Client, command: unknown) {
      const result = await (S3Client.prototype.send as (c: unknown) => Promise<unknown>).call(this, command);
      if (command instanceof PutObjectCommand) stored.push(command.input.Key!);
      return result;
    } as never);
    try {
      expect(await run(event)).toEqual({ processed: 1, rejected: 0, skipped: 0 });
    } finally {
      send.mockRestore();
    }
    const refs = published[0]!.renditions;
    expect([...stored].sort()).toEqual(refs.map((r) => r.key).sort());
  });

  it('gives every upload of the same user new rendition keys', async () => {
    const a = await store(avatarUploadKey(SUB, 'jpg'), await photoJpeg({ width: 200, height: 200 }));
    const b = await store(avatarUploadKey(SUB, 'jpg'), await photoJpeg({ width: 200, height: 200 }));
    await run(a);
    await run(b);
    expect(published[0]!.renditions[0]!.key).not.toBe(published[1]!.renditions[0]!.key);
  });
});

describe('where the time went: the "avatar processed" log line', () => {
  const infoLog = jest.spyOn(logger, 'info');
  const phasesOf = () => {
    const call = infoLog.mock.calls.find(([message]) => message === 'avatar processed');
    return (call?.[1] as { phasesMs?: Record<string, number> } | undefined)?.phasesMs;
  };
  beforeEach(() => infoLog.mockClear());

  it.each([
    ['get', 'GET', '/uploads/'],
    ['delete', 'DELETE', '/uploads/'],
  ])('times each piece, adding up to the whole: 300 ms more on the S3 %s shows there', async (phase, method, prefix) => {
    const key = avatarUploadKey(SUB, 'jpg');
    const event = await store(key, await photoJpeg({ width: 800, height: 600 }));
    const proxy = await startFaultyS3Proxy(s3.endpoint, () => false, (request) => (request.method === method && request.url!.startsWith(prefix) ? 300 : 0));
    const client = new S3Client({ region: 'us-east-1', endpoint: proxy.endpoint, forcePathStyle: true, credentials: LOCAL_S3_CREDENTIALS });
    try {
      expect(await run(event, client)).toEqual({ processed: 1, rejected: 0, skipped: 0 });
    } finally {
      client.destroy();
      await proxy.close();
    }
    const phases = phasesOf();
    expect(Object.keys(phases ?? {})).toEqual(['get', 'decode', 'encode', 'put', 'announce', 'delete', 'total']);
    const { total, ...pieces } = phases!;
    for (const ms of Object.values(pieces)) expect(ms).toBeGreaterThanOrEqual(0);
    expect(pieces[phase]).toBeGreaterThanOrEqual(300);
    // Consecutive pieces: they add up to the total (each rounded to 0.1 ms).
    expect(Math.abs(Object.values(pieces).reduce((a, b) => a + b, 0) - total!)).toBeLessThan(0.5);
  });
});

describe('the crop the upload was signed with', () => {
  const config = () => ({ bucket: 'uploads', region: 'us-east-1', endpoint: s3.endpoint, maxBytes: MAX_BYTES, expiresInSeconds: 300 });
  const meanOf = async (key: string) => (await sharp((await read(key)).bytes).stats()).channels.map((c) => c.mean);

  it.each([1, 6, 8] as const)('renders the right half of an upright red|blue photo (EXIF orientation %i) as a blue avatar', async (orientation) => {
    const photo = await halvesJpeg({ width: 900, height: 600, orientation });
    const ticket = await presignAvatarUpload(new UploadUrlSigner(config(), LOCAL_S3_CREDENTIALS), config(), SUB, {
      contentType: 'image/jpeg',
      contentLength: photo.byteLength,
      crop: { left: 0.5, top: 0, width: 0.5, height: 1 },
    });
    const headers = { 'Content-Type': ticket.headers['Content-Type'], 'x-amz-meta-crop': ticket.headers['x-amz-meta-crop']! };
    const put = await fetch(ticket.url, { method: ticket.method, body: photo, headers });
    expect(put.status).toBe(200);

    expect(await run(s3Event([{ bucket: 'uploads', key: ticket.key, size: photo.byteLength }]))).toEqual({ processed: 1, rejected: 0, skipped: 0 });
    for (const rendition of published[0]!.renditions) {
      const [r, g, b] = await meanOf(rendition.key);
      expect(Math.max(Math.abs(r! - HALVES_RGB.right.r), Math.abs(g! - HALVES_RGB.right.g), Math.abs(b! - HALVES_RGB.right.b))).toBeLessThan(20);
    }
  });

  it('frames the photo by content, with a warning, when the crop metadata is malformed', async () => {
    const key = avatarUploadKey(SUB, 'jpg');
    const photo = await halvesJpeg({ width: 400, height: 400 });
    await s3.client.send(new PutObjectCommand({ Bucket: 'uploads', Key: key, Body: photo, ContentType: 'image/jpeg', Metadata: { crop: 'left half please' } }));

    expect(await run(s3Event([{ bucket: 'uploads', key, size: photo.byteLength }]))).toEqual({ processed: 1, rejected: 0, skipped: 0 });
    expect(warnLog).toHaveBeenCalledWith('malformed crop metadata; framing the photo by content', { key, crop: 'left half please' });
    const [r, , b] = await meanOf(published[0]!.renditions[0]!.key);
    // The whole square photo, both halves: neither all red nor all blue.
    expect(r).toBeGreaterThan(80);
    expect(b).toBeGreaterThan(80);
  });
});

describe('bad uploads are logged, typed rejections that are announced and not retried', () => {
  let bomb: Buffer;
  beforeAll(() => {
    bomb = pixelBombPng();
  });

  it.each([
    ['a text file named .jpg', async () => textFileNamedJpg(), 'jpg', 'UnsupportedImageError', 'unsupported-type'],
    ['a PDF named .jpg', async () => pdfNamedJpg(), 'jpg', 'UnsupportedImageError', 'unsupported-type'],
    ['a truncated JPEG', async () => truncatedJpeg(), 'jpg', 'CorruptImageError', 'corrupt'],
    ['a pixel-bomb PNG', async () => bomb, 'png', 'ImageTooLargeError', 'too-large-in-pixels'],
  ] as const)('%s', async (_, make, ext, errorName, reason) => {
    const before = await assetKeys();
    const key = avatarUploadKey(SUB, ext);
    const event = await store(key, await make());
    expect(await run(event)).toEqual({ processed: 0, rejected: 1, skipped: 0 });
    expect(published).toHaveLength(0);
    expect(rejected).toEqual([
      {
        type: 'avatar.rejected',
        schemaVersion: 1,
        sub: SUB,
        version: parseAvatarUploadKey(key).uploadId,
        uploadKey: key,
        uploadedAt: event.Records[0]!.eventTime,
        rejectedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        reason,
      },
    ]);
    expect(await assetKeys()).toEqual(before);
    expect(errorLog).toHaveBeenCalledWith('upload rejected', expect.objectContaining({ errorName, reason }));
  });

  it('a 0-byte upload', async () => {
    const event = await store(avatarUploadKey(SUB, 'jpg'), Buffer.alloc(0));
    expect(await run(event)).toEqual({ processed: 0, rejected: 1, skipped: 0 });
    expect(rejected.map((m) => m.reason)).toEqual(['unsupported-type']);
  });

  it('an upload over the size cap is rejected without being read', async () => {
    const key = avatarUploadKey(SUB, 'jpg');
    const send = jest.spyOn(s3.client, 'send');
    const summary = await run(s3Event([{ bucket: 'uploads', key, size: MAX_BYTES + 1 }]));
    expect(summary).toEqual({ processed: 0, rejected: 1, skipped: 0 });
    expect(send).not.toHaveBeenCalled();
    send.mockRestore();
    expect(rejected.map((m) => [m.uploadKey, m.reason])).toEqual([[key, 'too-large']]);
  });

  it.each([
    ['outside the uploads prefix', 'avatars/someone/1767225600000-9f86d081884c7d65/512.jpg'],
    ['a client-chosen file name', `${UPLOADS_PREFIX}${SUB}/me.jpg`],
    ['path traversal', `${UPLOADS_PREFIX}../../etc/1767225600000-9f86d081884c7d65.jpg`],
  ])('a key %s', async (_, key) => {
    const event = await store(key, await photoJpeg({ width: 64, height: 64 }));
    expect(await run(event)).toEqual({ processed: 0, rejected: 1, skipped: 0 });
    expect(errorLog).toHaveBeenCalledWith('upload rejected', expect.objectContaining({ errorName: 'InvalidKeyError', reason: 'invalid-key' }));
    // No user's upload: nobody to tell.
    expect(rejected).toEqual([]);
  });

  it('a malformed event key', async () => {
    const event = s3Event([{ bucket: 'uploads', key: 'x', size: 10 }]);
    event.Records[0]!.s3.object.key = 'uploads/avatars/%E0%A4%A/x.jpg';
    expect(await run(event)).toEqual({ processed: 0, rejected: 1, skipped: 0 });
  });

  it('an upload deleted before processing is skipped, not rejected', async () => {
    const event = s3Event([{ bucket: 'uploads', key: avatarUploadKey(SUB, 'jpg'), size: 1000 }]);
    expect(await run(event)).toEqual({ processed: 0, rejected: 0, skipped: 1 });
    // Gone before it was read: nothing to tell (the status stays pending until it expires).
    expect(rejected).toEqual([]);
  });

  it('a 1×20000 strip becomes a square avatar', async () => {
    const event = await store(avatarUploadKey(SUB, 'png'), await stripPng(1, 20_000), 'image/png');
    expect(await run(event)).toEqual({ processed: 1, rejected: 0, skipped: 0 });
    const meta = await sharp((await read(published[0]!.renditions[0]!.key)).bytes).metadata();
    expect([meta.width, meta.height]).toEqual([512, 512]);
  });
});

describe('failures that may pass fail the event, so Lambda retries it', () => {
  it('S3 unreachable: the good records are still done, then the event fails', async () => {
    const good = await store(avatarUploadKey(SUB, 'jpg'), await photoJpeg({ width: 100, height: 100 }));
    const unreachable = new S3Client({
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9',
      forcePathStyle: true,
      credentials: LOCAL_S3_CREDENTIALS,
      maxAttempts: 1,
    });
    await expect(run(good, unreachable)).rejects.toThrow(RetryableProcessingError);
    expect(published).toHaveLength(0);
    expect(await run(good)).toEqual({ processed: 1, rejected: 0, skipped: 0 });
  });

  it('publishing fails: the event fails and a retry announces it', async () => {
    const event = await store(avatarUploadKey(SUB, 'jpg'), await photoJpeg({ width: 100, height: 100 }));
    const failing = createThumbnailHandler({
      s3: s3.client,
      config: { assetsBucket: 'assets', maxUploadBytes: MAX_BYTES },
      publisher: { publish: async () => Promise.reject(new Error('SNS throttled')) },
      logger,
    });
    await expect(failing(event, lambdaContext())).rejects.toThrow(RetryableProcessingError);
    expect(await run(event)).toEqual({ processed: 1, rejected: 0, skipped: 0 });
    expect(published).toHaveLength(1);
  });

  it('publishing a rejection fails: the event fails and a retry announces the rejection', async () => {
    const event = await store(avatarUploadKey(SUB, 'jpg'), textFileNamedJpg());
    const failing = createThumbnailHandler({
      s3: s3.client,
      config: { assetsBucket: 'assets', maxUploadBytes: MAX_BYTES },
      publisher: { publish: async () => Promise.reject(new Error('SNS throttled')) },
      logger,
    });
    await expect(failing(event, lambdaContext())).rejects.toThrow(RetryableProcessingError);
    expect(await run(event)).toEqual({ processed: 0, rejected: 1, skipped: 0 });
    expect(rejected.map((m) => m.reason)).toEqual(['unsupported-type']);
  });
});

describe('the original (GPS, camera metadata) is deleted once it is done, and only then', () => {
  it('is gone after its renditions are written and its message published', async () => {
    const key = avatarUploadKey(SUB, 'jpg');
    const event = await store(key, await photoJpeg({ width: 400, height: 300, exif: true }));
    expect(await originalExists(key)).toBe(true);

    expect(await run(event)).toEqual({ processed: 1, rejected: 0, skipped: 0 });
    expect(published).toHaveLength(1);
    expect(await originalExists(key)).toBe(false);
  });

  it('is kept when a rendition PUT fails at the S3 endpoint, so the retry can render it', async () => {
    const key = avatarUploadKey(SUB, 'jpg');
    const event = await store(key, await photoJpeg({ width: 400, height: 300 }));
    const proxy = await startFaultyS3Proxy(s3.endpoint, (request) => request.method === 'PUT' && request.url!.startsWith('/assets/'));
    const client = new S3Client({ region: 'us-east-1', endpoint: proxy.endpoint, forcePathStyle: true, credentials: LOCAL_S3_CREDENTIALS, maxAttempts: 1 });
    try {
      await expect(run(event, client)).rejects.toThrow(RetryableProcessingError);
    } finally {
      client.destroy();
      await proxy.close();
    }
    expect(proxy.failed.length).toBeGreaterThan(0);
    expect(published).toHaveLength(0);
    expect(await originalExists(key)).toBe(true);

    expect(await run(event)).toEqual({ processed: 1, rejected: 0, skipped: 0 });
    expect(await originalExists(key)).toBe(false);
  });

  it('is kept when the SNS endpoint refuses the publish, so the retry can announce it', async () => {
    const key = avatarUploadKey(SUB, 'jpg');
    const event = await store(key, await photoJpeg({ width: 400, height: 300 }));
    const closedSns = new SNSClient({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9', credentials: LOCAL_S3_CREDENTIALS, maxAttempts: 1 });
    const failing = createThumbnailHandler({
      s3: s3.client,
      config: { assetsBucket: 'assets', maxUploadBytes: MAX_BYTES },
      publisher: snsAvatarProcessedPublisher(closedSns, 'arn:aws:sns:us-east-1:000000000000:avatar-processed'),
      logger,
    });
    try {
      await expect(failing(event, lambdaContext())).rejects.toThrow(RetryableProcessingError);
    } finally {
      closedSns.destroy();
    }
    expect(await originalExists(key)).toBe(true);

    expect(await run(event)).toEqual({ processed: 1, rejected: 0, skipped: 0 });
    expect(published).toHaveLength(1);
    expect(await originalExists(key)).toBe(false);
  });

  it('a duplicate delivery after success is a logged no-op, not a failure for the DLQ', async () => {
    const key = avatarUploadKey(SUB, 'jpg');
    const event = await store(key, await photoJpeg({ width: 400, height: 300 }));
    await run(event);
    const renditions = await assetKeys();

    expect(await run(event)).toEqual({ processed: 0, rejected: 0, skipped: 1 });
    expect(published).toHaveLength(1);
    expect(await assetKeys()).toEqual(renditions);
    expect(errorLog).not.toHaveBeenCalled();
    expect(warnLog).toHaveBeenCalledWith('original already gone; nothing to process', expect.objectContaining({ key }));
  });

  it('is kept for a rejected upload (the lifecycle rule expires it)', async () => {
    const key = avatarUploadKey(SUB, 'jpg');
    const event = await store(key, await truncatedJpeg());
    expect(await run(event)).toEqual({ processed: 0, rejected: 1, skipped: 0 });
    expect(await originalExists(key)).toBe(true);
  });
});
