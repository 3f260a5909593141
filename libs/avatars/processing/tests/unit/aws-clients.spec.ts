import { thumbnailS3Client } from '../../src';
import { THUMBNAIL_AWS_TIMEOUTS, thumbnailSnsClient } from '../../src/aws-clients';

/** NodeHttpHandler resolves its options into this promise (its configuration, once resolved). */
interface HandlerWithConfig {
  configProvider: Promise<{ connectionTimeout?: number; socketTimeout?: number }>;
}

describe('the thumbnail’s AWS clients', () => {
  it.each([
    ['S3', () => thumbnailS3Client({ region: 'us-east-1', endpoint: 'http://127.0.0.1:4569' })],
    ['SNS', () => thumbnailSnsClient()],
  ])('%s: a stalled connection or response times out, and is retried', async (_name, make) => {
    const client = make();
    try {
      const handler = client.config.requestHandler as unknown as HandlerWithConfig;
      expect(await handler.configProvider).toMatchObject({ connectionTimeout: THUMBNAIL_AWS_TIMEOUTS.connectionTimeoutMs, socketTimeout: THUMBNAIL_AWS_TIMEOUTS.socketIdleTimeoutMs });
      expect(await client.config.maxAttempts()).toBe(3);
    } finally {
      client.destroy();
    }
  });

  it('S3: path-style only with an endpoint', async () => {
    expect(thumbnailS3Client({ region: 'us-east-1', endpoint: 'http://127.0.0.1:4569' }).config.forcePathStyle).toBe(true);
    expect(thumbnailS3Client({ region: 'us-east-1' }).config.forcePathStyle).toBe(false);
  });
});
