import { existsSync } from 'node:fs';
import { GetObjectCommand, ListBucketsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { startLocalS3 } from '../../src';

describe('startLocalS3', () => {
  it('serves the buckets on a free port, and close() removes its folder', async () => {
    const s3 = await startLocalS3(['uploads', 'assets']);
    try {
      expect(s3.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const { Buckets = [] } = await s3.client.send(new ListBucketsCommand({}));
      expect(Buckets.map((bucket) => bucket.Name).sort()).toEqual(['assets', 'uploads']);
      await s3.client.send(new PutObjectCommand({ Bucket: 'uploads', Key: 'a/b.txt', Body: 'hello' }));
      const object = await s3.client.send(new GetObjectCommand({ Bucket: 'uploads', Key: 'a/b.txt' }));
      expect(await object.Body?.transformToString()).toBe('hello');
    } finally {
      await s3.close();
    }
    expect(existsSync(s3.directory)).toBe(false);
  });
});
