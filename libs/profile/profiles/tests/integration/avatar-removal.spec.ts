import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger } from '@aws-lambda-powertools/logger';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { DeleteObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { type Database, openDatabase } from '@cruddur/profile/db';
import { lambdaContext, snsEvent } from '@cruddur/shared/lambda-events';
import { avatarProcessedMessage, uploadId, LOCAL_S3_CREDENTIALS, type LocalS3, startLocalS3 } from '@cruddur/testing/fixtures';
import { type SupersededRenditions, createProfileHandlers, s3SupersededRenditions } from '../../src';
import { type RenditionDeletedEvent, renditionsDeletedHandler } from '../../src/renditions-deleted-handler';
import { cloudFrontAvatarCdn } from '../../src/avatar-cdn';
import { pendingAvatarPurges, removalFloor } from '../../src/avatar-removal-store';
import { ORIGIN, call } from '../helpers/call';
import { migratedDatabase } from '../helpers/database';

const ALICE = { sub: '6a2f0c1e-93d4-4b8a-b1c2-0d9e8f7a6b5c', username: 'alice' };
const BOB = { sub: '7b3f0c1e-93d4-4b8a-b1c2-0d9e8f7a6b5c', username: 'bob' };
const BUCKET = 'assets';
const DISTRIBUTION = 'E2EXAMPLE1234';
const NOW = new Date(Date.UTC(2026, 11, 1, 13, 0, 0));
const logger = new Logger({ serviceName: 'profile', logLevel: 'SILENT' });

interface RecordedRequest {
  method: string;
  url: string;
  body: string;
}

/** CloudFront's API as far as CreateInvalidation goes: records each request, answers like the service (201 and the invalidation). */
async function startCloudFrontStandIn(): Promise<{ endpoint: string; requests: RecordedRequest[]; failNext: () => void; close: () => Promise<void> }> {
  const requests: RecordedRequest[] = [];
  let fail = false;
  const read = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };
  const server: Server = createServer((req, res) => {
    void read(req).then((body) => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', body });
      if (fail) {
        fail = false;
        res.writeHead(503, { 'content-type': 'text/xml' }).end('<ErrorResponse><Error><Code>ServiceUnavailable</Code><Message>try later</Message></Error></ErrorResponse>');
        return;
      }
      const ref = /<CallerReference>([^<]*)<\/CallerReference>/.exec(body)?.[1] ?? '';
      const path = /<Path>([^<]*)<\/Path>/.exec(body)?.[1] ?? '';
      res
        .writeHead(201, { 'content-type': 'text/xml', location: `https://cloudfront.amazonaws.com/2020-05-31/distribution/${DISTRIBUTION}/invalidation/I1` })
        .end(
          `<?xml version="1.0"?><Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Id>I1</Id><Status>InProgress</Status><CreateTime>2026-12-01T13:00:00Z</CreateTime>` +
            `<InvalidationBatch><Paths><Quantity>1</Quantity><Items><Path>${path}</Path></Items></Paths><CallerReference>${ref}</CallerReference></InvalidationBatch></Invalidation>`,
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    failNext: () => {
      fail = true;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('DELETE /api/profile/avatar (PGlite + s3rver)', () => {
  let s3: LocalS3;
  let db: Database;
  let h: ReturnType<typeof createProfileHandlers>;
  let renditions: SupersededRenditions;
  let failPrune = false;

  beforeAll(async () => {
    [s3, db] = await Promise.all([startLocalS3([BUCKET]), migratedDatabase()]);
    const real = s3SupersededRenditions(s3.client, BUCKET);
    // The one stand-in: S3 refusing a delete, which s3rver cannot be made to do.
    renditions = { prune: (sub, keepFrom) => (failPrune ? Promise.reject(new Error('S3 is unreachable')) : real.prune(sub, keepFrom)) };
    h = createProfileHandlers({
      db,
      logger,
      assetsBaseUrl: 'https://assets.example.com',
      origins: [ORIGIN],
      renditions,
      now: () => NOW,
    });
  });
  afterAll(async () => {
    await Promise.all([db.close(), s3.close()]);
  });
  beforeEach(async () => {
    failPrune = false;
    await db.query('TRUNCATE users');
    const listed = await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    for (const { Key } of listed.Contents ?? []) await s3.client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key }));
  });

  const remove = (authorizer: typeof ALICE | null, extra: { body?: string; headers?: Record<string, string> } = {}) =>
    call(h.removeAvatar, { method: 'DELETE', routeKey: 'DELETE /api/profile/avatar', authorizer, ...extra });
  const own = (who = ALICE) => call(h.getOwnProfile, { routeKey: 'GET /api/profile', authorizer: who });
  const deliver = (sub: string, version: string) => h.avatarProcessed(snsEvent([avatarProcessedMessage(sub, version)]), lambdaContext());

  async function writeRenditions(sub: string, version: string): Promise<string[]> {
    const keys = avatarProcessedMessage(sub, version).renditions.map((r) => r.key);
    for (const key of keys) await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: key }));
    return keys;
  }
  async function storedKeys(sub: string): Promise<string[]> {
    const listed = await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `avatars/${sub}/` }));
    return (listed.Contents ?? []).map((o) => o.Key!).sort();
  }

  it('answers 204 without a body, the profile shows no avatar, its renditions are gone (and nobody else\'s)', async () => {
    const v1 = uploadId(NOW.getTime() - 60_000);
    await own();
    await writeRenditions(ALICE.sub, v1);
    await deliver(ALICE.sub, v1);
    const bobs = await writeRenditions(BOB.sub, v1);
    expect((await own()).json.avatar).toMatchObject({ version: v1 });

    const res = await remove(ALICE);
    expect(res.statusCode).toBe(204);
    expect(res.body ?? '').toBe('');
    expect(res.headers?.['Access-Control-Allow-Origin']).toBe(ORIGIN);
    expect((await own()).json.avatar).toBeNull();
    expect(await storedKeys(ALICE.sub)).toEqual([]);
    expect(await storedKeys(BOB.sub)).toEqual(bobs.sort());
    expect(await pendingAvatarPurges(db)).toEqual([]);
  });

  it('answers 204 again when there is no avatar, and a late upload from before the removal stays removed (and is deleted)', async () => {
    expect((await remove(ALICE)).statusCode).toBe(204);
    expect((await remove(ALICE)).statusCode).toBe(204);
    const before = uploadId(NOW.getTime() - 1_000);
    await writeRenditions(ALICE.sub, before);
    expect(await deliver(ALICE.sub, before)).toMatchObject({ stale: 1 });
    expect((await own()).json.avatar).toBeNull();
    expect(await storedKeys(ALICE.sub)).toEqual([]);
    const after = uploadId(NOW.getTime() + 1_000);
    const kept = await writeRenditions(ALICE.sub, after);
    expect(await deliver(ALICE.sub, after)).toMatchObject({ recorded: 1 });
    expect((await own()).json.avatar).toMatchObject({ version: after });
    expect(await storedKeys(ALICE.sub)).toEqual(kept.sort());
  });

  it('keeps the removal when deleting fails: 503 with a message, the avatar stays null, a repeat finishes the cleanup', async () => {
    const v1 = uploadId(NOW.getTime() - 60_000);
    await own();
    const keys = await writeRenditions(ALICE.sub, v1);
    await deliver(ALICE.sub, v1);
    failPrune = true;
    const res = await remove(ALICE);
    expect(res.statusCode).toBe(503);
    expect(res.json).toEqual({ message: 'avatar removed, but its images are not deleted yet: try again' });
    expect((await own()).json.avatar).toBeNull();
    expect(await storedKeys(ALICE.sub)).toEqual(keys.sort());
    expect(await pendingAvatarPurges(db)).toEqual([{ sub: ALICE.sub, removedBefore: removalFloor(NOW) }]);

    failPrune = false;
    expect((await remove(ALICE)).statusCode).toBe(204);
    expect(await storedKeys(ALICE.sub)).toEqual([]);
    expect(await pendingAvatarPurges(db)).toEqual([]);
  });

  it('answers 401 unsigned, and 400 to a body, before anything changes', async () => {
    const v1 = uploadId(NOW.getTime() - 60_000);
    await own();
    await deliver(ALICE.sub, v1);
    expect(await remove(null)).toMatchObject({ statusCode: 401, json: { message: 'authentication required' } });
    expect(await remove(ALICE, { body: '{"version":"x"}', headers: { origin: ORIGIN, 'content-type': 'application/json' } })).toMatchObject({
      statusCode: 400,
      json: { message: 'DELETE /api/profile/avatar takes no body' },
    });
    expect((await own()).json.avatar).toMatchObject({ version: v1 });
  });

  it('answers 500 JSON when the database is down, and deletes nothing', async () => {
    const v1 = uploadId(NOW.getTime() - 60_000);
    const keys = await writeRenditions(ALICE.sub, v1);
    const broken = openDatabase({ DATABASE_URL: 'pglite://memory' });
    const routes = createProfileHandlers({ db: broken, logger, assetsBaseUrl: 'https://assets.example.com', origins: [ORIGIN], renditions });
    try {
      const res = await call(routes.removeAvatar, { method: 'DELETE', routeKey: 'DELETE /api/profile/avatar', authorizer: ALICE });
      expect(res.statusCode).toBe(500);
      expect(res.json).toEqual({ message: 'internal error' });
      expect(await storedKeys(ALICE.sub)).toEqual(keys.sort());
    } finally {
      await broken.close();
    }
  });
});

describe('deleted renditions are invalidated on CloudFront (a stand-in endpoint recording CreateInvalidation)', () => {
  let cloudFront: Awaited<ReturnType<typeof startCloudFrontStandIn>>;
  let client: CloudFrontClient;
  let handler: ReturnType<typeof renditionsDeletedHandler>;
  beforeAll(async () => {
    cloudFront = await startCloudFrontStandIn();
    client = new CloudFrontClient({ endpoint: cloudFront.endpoint, region: 'us-east-1', credentials: LOCAL_S3_CREDENTIALS, maxAttempts: 1 });
    handler = renditionsDeletedHandler({ cdn: cloudFrontAvatarCdn(client, DISTRIBUTION), logger });
  });
  afterAll(async () => {
    client.destroy();
    await cloudFront.close();
  });
  beforeEach(() => {
    cloudFront.requests.length = 0;
  });

  /** S3's "Object Deleted" event as EventBridge delivers it (a DeleteObject). */
  const deleted = (key: string): RenditionDeletedEvent => ({
    version: '0',
    id: '17793124-05d4-b198-2fde-7ededc63b103',
    'detail-type': 'Object Deleted',
    source: 'aws.s3',
    account: '123456789012',
    time: '2026-12-01T13:00:00Z',
    region: 'us-east-1',
    resources: [`arn:aws:s3:::${BUCKET}`],
    detail: {
      version: '0',
      bucket: { name: BUCKET },
      object: { key, etag: 'd41d8cd98f00b204e9800998ecf8427e', 'version-id': '1', sequencer: '00617F08299329D189' },
      'request-id': 'N4N7GDK58NMKJ12R',
      requester: '123456789012',
      'source-ip-address': '10.0.1.5',
      reason: 'DeleteObject',
      'deletion-type': 'Delete Marker Created',
    },
  });

  it("invalidates the deleted rendition's version with one wildcard path, the same request for every rendition of it", async () => {
    const version = uploadId(NOW.getTime());
    const keys = avatarProcessedMessage(ALICE.sub, version).renditions.map((r) => r.key);
    for (const key of keys) expect(await handler(deleted(key), lambdaContext())).toEqual({ invalidated: `${ALICE.sub}/${version}` });
    expect(cloudFront.requests).toHaveLength(keys.length);
    const bodies = new Set(cloudFront.requests.map((r) => r.body));
    expect(bodies.size).toBe(1);
    const [request] = cloudFront.requests;
    expect(request).toMatchObject({ method: 'POST', url: `/2020-05-31/distribution/${DISTRIBUTION}/invalidation` });
    expect(request?.body).toContain(`<Path>/avatars/${ALICE.sub}/${version}/*</Path>`);
    expect(request?.body).toContain('<Quantity>1</Quantity>');
    expect(request?.body).toContain(`<CallerReference>deleted ${ALICE.sub}/${version}</CallerReference>`);
  });

  it('ignores a key outside the rendition layout, and fails (for a retry) when CloudFront does', async () => {
    expect(await handler(deleted('avatars/../etc/passwd'), lambdaContext())).toEqual({ invalidated: null });
    expect(cloudFront.requests).toEqual([]);
    cloudFront.failNext();
    await expect(handler(deleted(avatarProcessedMessage(BOB.sub, uploadId(NOW.getTime())).renditions[0]!.key), lambdaContext())).rejects.toThrow();
    expect(cloudFront.requests).toHaveLength(1);
  });
});
