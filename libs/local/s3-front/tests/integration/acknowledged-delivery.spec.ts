import { mkdtempSync, rmSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { type LocalS3rver, SigV4Verifier, createS3Front, startS3rver } from '../../src';

const REGION = 'us-east-1';
const BUCKET = 'uploads';
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

// The stack journals each event in `deliver`: a PUT must not be acknowledged before that resolved.
describe('the S3 front acknowledges an upload only after its event was delivered', () => {
  const directory = mkdtempSync(path.join(tmpdir(), 's3-front-ack-'));
  let store: LocalS3rver;
  let server: Server;
  let front: ReturnType<typeof createS3Front>;
  let client: S3Client;
  let deliver: (event: S3Event) => Promise<void>;

  beforeAll(async () => {
    store = await startS3rver(directory, [BUCKET]);
    front = createS3Front({
      upstream: { socketPath: store.socketPath },
      verifier: new SigV4Verifier({ region: REGION, credentials: [CREDENTIALS] }),
      region: REGION,
      cors: {},
      notifications: [{ bucket: BUCKET, prefix: 'in/', configurationId: 'on-upload', deliver: (event) => deliver(event) }],
      log: () => undefined,
    });
    server = createServer(front.handle);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    client = new S3Client({ region: REGION, endpoint, forcePathStyle: true, credentials: CREDENTIALS, requestChecksumCalculation: 'WHEN_REQUIRED', maxAttempts: 1 });
  });
  afterAll(async () => {
    client.destroy();
    front.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('answers the PUT only once the delivery resolved', async () => {
    const order: string[] = [];
    let release: () => void = () => undefined;
    deliver = async (event) => {
      order.push(`delivered ${event.Records[0]?.s3.object.key}`);
      await new Promise<void>((resolve) => (release = resolve));
      order.push('persisted');
    };
    const put = client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'in/a.txt', Body: 'a' })).then(() => order.push('acknowledged'));
    while (order.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(order).toEqual(['delivered in/a.txt']);
    release();
    await put;
    expect(order).toEqual(['delivered in/a.txt', 'persisted', 'acknowledged']);
  });

  it('fails the PUT with an S3 InternalError when the delivery failed, so the client retries', async () => {
    deliver = async () => Promise.reject(new Error('disk full'));
    await expect(client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'in/b.txt', Body: 'b' }))).rejects.toMatchObject({ name: 'InternalError', $metadata: { httpStatusCode: 500 } });
  });
});
