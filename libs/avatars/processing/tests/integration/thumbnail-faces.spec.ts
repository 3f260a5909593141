import { Logger } from '@aws-lambda-powertools/logger';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { blazeFaceFinder } from '@cruddur/media/image';
import { lambdaContext, s3Event } from '@cruddur/shared/lambda-events';
import { avatarUploadKey, parseAvatarUploadKey } from '@cruddur/storage/s3-keys';
import { faceSet, placePhoto } from '@cruddur/testing/images';
import { type LocalS3, startLocalS3 } from '@cruddur/testing/fixtures';
import sharp from 'sharp';
import { createThumbnailHandler } from '../../src';
import { type ThumbnailSummary } from '../../src/thumbnail-handler';
import { recordingPublisher } from '../helpers/recording-publisher';

const SUB = 'c0ffee00-5e6a-4b7c-8d9e-0a1b2c3d4e5f';
let s3: LocalS3;
const findFaces = blazeFaceFinder();
const logger = new Logger({ serviceName: 'thumbnail', logLevel: 'SILENT' });
const infoLog = jest.spyOn(logger, 'info');
const warnLog = jest.spyOn(logger, 'warn');
const photos = faceSet();

beforeAll(async () => {
  s3 = await startLocalS3(['uploads', 'assets']);
});
afterAll(() => s3.close());
beforeEach(() => {
  infoLog.mockClear();
  warnLog.mockClear();
});

/** Uploads `body` without a crop, runs the thumbnail on its event, and reads back the 512 WebP. */
async function processUncropped(body: Buffer, deps: Partial<Parameters<typeof createThumbnailHandler>[0]>) {
  const key = avatarUploadKey(SUB, 'jpg');
  await s3.client.send(new PutObjectCommand({ Bucket: 'uploads', Key: key, Body: body, ContentType: 'image/jpeg' }));
  const { publisher } = recordingPublisher();
  const handler = createThumbnailHandler({ s3: s3.client, config: { assetsBucket: 'assets', maxUploadBytes: 10 * 1024 * 1024 }, publisher, logger, ...deps });
  const summary = (await handler(s3Event([{ bucket: 'uploads', key, size: body.byteLength }]), lambdaContext({ functionName: 'thumbnail' }))) as ThumbnailSummary;
  const object = await s3.client.send(new GetObjectCommand({ Bucket: 'assets', Key: `avatars/${SUB}/${parseAvatarUploadKey(key).uploadId}/512.webp` }));
  return { summary, avatar: Buffer.from(await object.Body!.transformToByteArray()) };
}

async function facesIn(avatar: Buffer) {
  const { data, info } = await sharp(avatar).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return findFaces({ pixels: data, width: info.width, height: info.height, channels: 3 });
}

const framingLogged = () => infoLog.mock.calls.find(([message]) => message === 'avatar processed')?.[1] as { framing?: string } | undefined;

describe('the thumbnail frames an upload without a crop on the face', () => {
  it('an off-centre face, from an API client that sends no crop, is the middle of the avatar', async () => {
    const placed = placePhoto(photos.find((p) => p.name === 'turned-04.jpg')!, 'left third of 16:9');
    const { summary, avatar } = await processUncropped(await placed.bytes(), { findFaces });
    expect(summary).toEqual({ processed: 1, rejected: 0, skipped: 0 });
    expect(framingLogged()?.framing).toBe('face');
    const [face] = await facesIn(avatar);
    expect(face).toBeDefined();
    expect(Math.abs((face!.left + face!.width / 2) / 512 - 0.5)).toBeLessThan(0.15);
  });

  it('without a finder (FACE_FRAMING=off) the same upload is framed by attention', async () => {
    const placed = placePhoto(photos.find((p) => p.name === 'turned-04.jpg')!, 'left third of 16:9');
    const { summary } = await processUncropped(await placed.bytes(), {});
    expect(summary.processed).toBe(1);
    expect(framingLogged()?.framing).toBe('attention');
  });

  it('a detector that cannot load is reported once and never fails an upload: attention frames it', async () => {
    const errors: unknown[] = [];
    const broken = blazeFaceFinder({ paths: { modelDir: '/nonexistent/model', wasmDir: '/nonexistent/wasm' }, onError: (error) => errors.push(error) });
    const placed = placePhoto(photos.find((p) => p.name === 'dark-09.jpg')!, 'right third of 16:9');
    const { summary } = await processUncropped(await placed.bytes(), { findFaces: broken });
    const again = await processUncropped(await placed.bytes(), { findFaces: broken });
    expect([summary.processed, again.summary.processed]).toEqual([1, 1]);
    expect(framingLogged()?.framing).toBe('attention');
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toContain('/nonexistent/model');
  });
});
