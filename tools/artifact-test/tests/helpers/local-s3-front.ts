import { type LocalS3, LOCAL_S3_CREDENTIALS, startLocalS3 } from '@cruddur/testing/fixtures';
import type { S3Event } from 'aws-lambda';
import { type AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import { SigV4Verifier, createS3Front } from '@cruddur/local/s3-front';

export const REGION = 'us-east-1';

/** s3rver behind the S3 front: signatures and expiry checked like S3, `ObjectCreated` events kept. */
export interface LocalS3Front {
  /** `http://127.0.0.1:<port>` of the front, for the functions' `S3_ENDPOINT`. */
  endpoint: string;
  s3: LocalS3;
  /** Every `ObjectCreated` event the front emitted for the uploads bucket, in order. */
  events: S3Event[];
  close(): Promise<void>;
}

export async function startLocalS3Front(buckets: { uploads: string; assets: string }, uploadsPrefix: string): Promise<LocalS3Front> {
  const s3 = await startLocalS3([buckets.uploads, buckets.assets]);
  const upstream = new URL(s3.endpoint);
  const events: S3Event[] = [];
  const front = createS3Front({
    upstream: { host: upstream.hostname, port: Number(upstream.port) },
    verifier: new SigV4Verifier({ region: REGION, credentials: [LOCAL_S3_CREDENTIALS] }),
    region: REGION,
    cors: {},
    notifications: [{ bucket: buckets.uploads, prefix: uploadsPrefix, configurationId: 'thumbnail-on-upload', deliver: (event) => void events.push(event) }],
    log: () => undefined,
  });
  const server = createServer(front.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    s3,
    events,
    async close() {
      front.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await s3.close();
    },
  };
}
