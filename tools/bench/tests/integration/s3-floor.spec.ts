import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { avatarUploadKey } from '@cruddur/storage/s3-keys';
import { s3Event } from '@cruddur/shared/lambda-events';
import { startLocalS3, type LocalS3 } from '@cruddur/testing/fixtures';
import { s3FloorMs } from '../../src/thumbnail/worker';

describe('s3FloorMs: s3rver time alone for one image (plain HTTP, no SDK)', () => {
  let s3: LocalS3;
  beforeAll(async () => {
    s3 = await startLocalS3(['uploads', 'assets']);
  });
  afterAll(() => s3.close());

  it('reads each upload whole and puts a body of the given size, and says how long that took', async () => {
    const key = avatarUploadKey('bench-0000-4000-8000-000000000000', 'jpg').replace('.jpg', ' x+ü.jpg');
    await s3.client.send(new PutObjectCommand({ Bucket: 'uploads', Key: key, Body: Buffer.alloc(300_000, 1) }));

    const { getPutMs, deleteMs } = await s3FloorMs(s3.endpoint, [s3Event([{ bucket: 'uploads', key, size: 300_000 }])], 20_000);

    expect(getPutMs).toBeGreaterThan(0);
    expect(deleteMs).toBe(0);
    const put = await s3.client.send(new GetObjectCommand({ Bucket: 'assets', Key: 'floor/0' }));
    expect((await put.Body?.transformToByteArray())?.byteLength).toBe(20_000);
  });

  it('with deleteAfter, deletes each upload afterwards and times that apart', async () => {
    const key = avatarUploadKey('bench-0000-4000-8000-000000000000', 'jpg');
    await s3.client.send(new PutObjectCommand({ Bucket: 'uploads', Key: key, Body: Buffer.alloc(1000, 1) }));
    const { deleteMs } = await s3FloorMs(s3.endpoint, [s3Event([{ bucket: 'uploads', key, size: 1000 }])], 10, { deleteAfter: true });
    expect(deleteMs).toBeGreaterThan(0);
    await expect(s3.client.send(new HeadObjectCommand({ Bucket: 'uploads', Key: key }))).rejects.toMatchObject({ name: 'NotFound' });
  });

  it('fails, rather than timing an error answer, when an upload is missing', async () => {
    const event = s3Event([{ bucket: 'uploads', key: 'uploads/avatars/nobody/missing.jpg', size: 1 }]);
    await expect(s3FloorMs(s3.endpoint, [event], 10)).rejects.toThrow(/GET .*: 404/);
  });
});
