import { mkdtempSync, rmSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { S3Event } from 'aws-lambda';
import { type LocalS3rver, SigV4Verifier, createS3Front, startS3rver } from '../../src';

const REGION = 'us-east-1';
const BUCKET = 'uploads';
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
const ORIGIN = 'http://localhost:5173';

describe('the S3 front over s3rver', () => {
  const directory = mkdtempSync(path.join(tmpdir(), 's3-front-'));
  const events: S3Event[] = [];
  let store: LocalS3rver;
  let server: Server;
  let front: ReturnType<typeof createS3Front>;
  let endpoint: string;
  let client: S3Client;

  beforeAll(async () => {
    store = await startS3rver(directory, [BUCKET]);
    front = createS3Front({
      upstream: { socketPath: store.socketPath },
      verifier: new SigV4Verifier({ region: REGION, credentials: [CREDENTIALS] }),
      region: REGION,
      cors: { [BUCKET]: [{ allowedOrigins: [ORIGIN], allowedMethods: ['PUT'], allowedHeaders: ['content-type'], exposedHeaders: ['ETag'], maxAgeSeconds: 60 }] },
      notifications: [{ bucket: BUCKET, prefix: 'in/', configurationId: 'on-upload', deliver: (event) => events.push(event) }],
      log: () => undefined,
    });
    server = createServer(front.handle);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    client = new S3Client({ region: REGION, endpoint, forcePathStyle: true, credentials: CREDENTIALS, requestChecksumCalculation: 'WHEN_REQUIRED' });
  });
  afterAll(async () => {
    client.destroy();
    front.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const presignPut = (key: string, contentType: string) =>
    getSignedUrl(client, new PutObjectCommand({ Bucket: BUCKET, Key: key, ContentType: contentType }), { expiresIn: 60, signableHeaders: new Set(['content-type']) });

  async function waitForEvent(key: string): Promise<S3Event> {
    for (let i = 0; i < 100; i += 1) {
      const event = events.find((e) => e.Records[0]?.s3.object.key === key);
      if (event) return event;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no event for ${key}`);
  }

  it('stores a presigned PUT and sends a real-shaped event with the key encoded like S3', async () => {
    const url = await presignPut('in/Zoë S/a+b.txt', 'text/plain');
    const response = await fetch(url, { method: 'PUT', headers: { 'Content-Type': 'text/plain' }, body: 'hello' });
    expect(response.status).toBe(200);
    const event = await waitForEvent('in/Zo%C3%AB+S/a%2Bb.txt');
    expect(event.Records[0]).toMatchObject({
      eventSource: 'aws:s3',
      eventName: 'ObjectCreated:Put',
      awsRegion: REGION,
      userIdentity: { principalId: 'AWS:S3RVER' },
      s3: { configurationId: 'on-upload', bucket: { name: BUCKET }, object: { size: 5, eTag: '5d41402abc4b2a76b9719d911017c592' } },
    });
    const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'in/Zoë S/a+b.txt' }));
    expect(await object.Body?.transformToString()).toBe('hello');
  });

  it('sends no event outside the notification prefix', async () => {
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'other/x.txt', Body: 'x' }));
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'in/after.txt', Body: 'y' }));
    await waitForEvent('in/after.txt');
    expect(events.some((e) => e.Records[0]?.s3.object.key === 'other/x.txt')).toBe(false);
  });

  it('refuses a changed content type with S3’s XML error', async () => {
    const url = await presignPut('in/typed.txt', 'text/plain');
    const response = await fetch(url, { method: 'PUT', headers: { 'Content-Type': 'image/png' }, body: 'hello' });
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('application/xml');
    expect(await response.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
  });

  it('refuses an unsigned request', async () => {
    const response = await fetch(`${endpoint}/${BUCKET}/in/anonymous.txt`, { method: 'PUT', body: 'x' });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('<Code>AccessDenied</Code>');
  });

  it('answers preflights from the bucket’s CORS rules', async () => {
    const preflight = (origin: string) =>
      fetch(`${endpoint}/${BUCKET}/in/x.txt`, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'content-type' } });
    const allowed = await preflight(ORIGIN);
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect((await preflight('https://evil.example')).status).toBe(403);
  });
});
