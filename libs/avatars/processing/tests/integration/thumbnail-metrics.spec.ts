import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { METRICS_NAMESPACE, UPLOAD_REJECTION_REASONS, metricDimensionNames, type UploadRejectionReason } from '@cruddur/shared/metrics';
import { powertoolsAvatarMetrics } from '@cruddur/shared/observability';
import { lambdaContext, s3Event } from '@cruddur/shared/lambda-events';
import { UPLOADS_PREFIX, avatarUploadKey } from '@cruddur/storage/s3-keys';
import { captureEmf, type EmfCapture, type LocalS3, startLocalS3 } from '@cruddur/testing/fixtures';
import { photoJpeg, pixelBombPng, textFileNamedJpg, truncatedJpeg } from '@cruddur/testing/images';
import type { S3Event } from 'aws-lambda';
import { createThumbnailHandler } from '../../src';
import { type ThumbnailHandlerDeps } from '../../src/thumbnail-handler';

const SUB = 'f3b8c2d1-5e6a-4b7c-8d9e-0a1b2c3d4e5f';
const MAX_BYTES = 10 * 1024 * 1024;
const logger = new Logger({ serviceName: 'thumbnail', logLevel: 'SILENT' });
const seen = new Set<UploadRejectionReason>();

let s3: LocalS3;
let emf: EmfCapture;

function handler(overrides: Partial<ThumbnailHandlerDeps> = {}) {
  return createThumbnailHandler({
    s3: s3.client,
    config: { assetsBucket: 'assets', maxUploadBytes: MAX_BYTES },
    publisher: { publish: async () => undefined },
    logger,
    // What thumbnailDepsFromEnv builds.
    metrics: powertoolsAvatarMetrics({ service: 'thumbnail', logger, stage: 'test' }),
    ...overrides,
  });
}

async function store(key: string, body: Buffer): Promise<S3Event> {
  await s3.client.send(new PutObjectCommand({ Bucket: 'uploads', Key: key, Body: body }));
  return s3Event([{ bucket: 'uploads', key, size: body.byteLength }]);
}

/** Asserts the invocation wrote exactly one UploadsRejected data point, under `reason`. */
function expectOneRejection(reason: UploadRejectionReason) {
  const [doc, ...more] = emf.documents();
  expect(more).toEqual([]);
  expect(doc?._aws.CloudWatchMetrics).toEqual([
    { Namespace: METRICS_NAMESPACE, Dimensions: [metricDimensionNames('uploadsRejected')], Metrics: [{ Name: 'UploadsRejected', Unit: 'Count' }] },
  ]);
  expect(doc).toMatchObject({ service: 'thumbnail', reason, UploadsRejected: 1 });
  seen.add(reason);
}

beforeAll(async () => {
  s3 = await startLocalS3(['uploads', 'assets']);
});
afterAll(() => s3.close());
beforeEach(() => {
  emf = captureEmf();
});
afterEach(() => emf.restore());

describe('thumbnail metrics (EMF on stdout, real S3 events against s3rver)', () => {
  it('counts a processed upload and its processing time, from the S3 event to the renditions written', async () => {
    const event = await store(avatarUploadKey(SUB, 'jpg'), await photoJpeg({ width: 320, height: 240 }));
    const uploadedAt = Date.parse(event.Records[0]!.eventTime);

    await expect(handler({ now: () => new Date(uploadedAt + 1234) })(event, lambdaContext())).resolves.toEqual({ processed: 1, rejected: 0, skipped: 0 });
    const [doc, ...more] = emf.documents();
    expect(more).toEqual([]);
    expect(doc?._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: METRICS_NAMESPACE,
        Dimensions: [metricDimensionNames('uploadsProcessed')],
        Metrics: [
          { Name: 'UploadsProcessed', Unit: 'Count' },
          { Name: 'ProcessingDuration', Unit: 'Milliseconds' },
        ],
      },
    ]);
    expect(doc).toMatchObject({ service: 'thumbnail', UploadsProcessed: 1, ProcessingDuration: 1234 });
    expect(metricDimensionNames('processingDuration')).toEqual(metricDimensionNames('uploadsProcessed'));
  });

  it.each([
    ['a text file named .jpg', 'unsupported-type', async () => store(avatarUploadKey(SUB, 'jpg'), textFileNamedJpg())],
    ['a truncated JPEG', 'corrupt', async () => store(avatarUploadKey(SUB, 'jpg'), await truncatedJpeg())],
    ['a pixel-bomb PNG', 'too-large-in-pixels', async () => store(avatarUploadKey(SUB, 'png'), pixelBombPng())],
    ['an upload over the size cap', 'too-large', async () => s3Event([{ bucket: 'uploads', key: avatarUploadKey(SUB, 'jpg'), size: MAX_BYTES + 1 }])],
    ['a key outside the layout', 'invalid-key', async () => store(`${UPLOADS_PREFIX}${SUB}/me.jpg`, await photoJpeg({ width: 64, height: 64 }))],
  ] as const)('counts %s as rejected, reason %s', async (_, reason, makeEvent) => {
    const event = await makeEvent();
    await expect(handler()(event, lambdaContext())).resolves.toEqual({ processed: 0, rejected: 1, skipped: 0 });
    expectOneRejection(reason);
  });

  it('counts nothing for an upload whose original is already gone (skipped: a re-delivery after success)', async () => {
    const event = s3Event([{ bucket: 'uploads', key: avatarUploadKey(SUB, 'jpg'), size: 1000 }]);
    await expect(handler()(event, lambdaContext())).resolves.toEqual({ processed: 0, rejected: 0, skipped: 1 });
    expect(emf.documents()).toEqual([]);
  });

  it('writes nothing for an event that failed and will be retried', async () => {
    const event = await store(avatarUploadKey(SUB, 'jpg'), await photoJpeg({ width: 64, height: 64 }));
    const failing = handler({ publisher: { publish: async () => Promise.reject(new Error('SNS throttled')) } });
    await expect(failing(event, lambdaContext())).rejects.toThrow('1 of 1 uploads failed');
    expect(emf.documents()).toEqual([]);
  });

  it('still answers when the metrics cannot be flushed', async () => {
    const inner = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: 'thumbnail' });
    jest.spyOn(inner, 'publishStoredMetrics').mockImplementation(() => {
      throw new Error('stdout closed');
    });
    const warn = jest.spyOn(logger, 'warn');
    const event = await store(avatarUploadKey(SUB, 'jpg'), await photoJpeg({ width: 64, height: 64 }));

    await expect(handler({ metrics: powertoolsAvatarMetrics({ service: 'thumbnail', logger, stage: 'test', metrics: inner }) })(event, lambdaContext())).resolves.toEqual({
      processed: 1,
      rejected: 0,
      skipped: 0,
    });
    expect(warn).toHaveBeenCalledWith('metric not written', expect.objectContaining({ error: expect.objectContaining({ message: 'stdout closed' }) }));
  });

  afterAll(() => {
    // Every reason on the shared list is one this handler can produce (and the tests above produced),
    // but 'missing': thumbnails deployed before originals were deleted announce it; this one skips a gone original.
    expect([...seen].sort()).toEqual(UPLOAD_REJECTION_REASONS.filter((reason) => reason !== 'missing').sort());
  });
});
