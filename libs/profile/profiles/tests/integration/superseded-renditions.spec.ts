import { Logger } from '@aws-lambda-powertools/logger';
import { DeleteObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Database } from '@cruddur/profile/db';
import { lambdaContext, snsEvent } from '@cruddur/shared/lambda-events';
import { avatarProcessedMessage, uploadId, LOCAL_S3_CREDENTIALS, type LocalS3, startLocalS3 } from '@cruddur/testing/fixtures';
import { createProfileHandlers, s3SupersededRenditions } from '../../src';
import { currentAvatarVersion } from '../../src/profile-store';
import { ORIGIN } from '../helpers/call';
import { migratedDatabase } from '../helpers/database';

const SUB = '6a2f0c1e-93d4-4b8a-b1c2-0d9e8f7a6b5c';
const V1 = uploadId(1767225600000, 'aaaaaaaaaaaaaaaa');
const V2 = uploadId(1767225600001, '0000000000000000');
const V3 = uploadId(1767225700000, '5555555555555555');
const VERSIONS = [V1, V2, V3];
const BUCKET = 'assets';

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

describe('superseded renditions are deleted, the shown avatar never (s3rver + PGlite)', () => {
  let s3: LocalS3;
  let db: Database;
  let h: ReturnType<typeof createProfileHandlers>;
  const logger = new Logger({ serviceName: 'profile', logLevel: 'SILENT' });

  beforeAll(async () => {
    s3 = await startLocalS3([BUCKET]);
    db = await migratedDatabase();
    h = createProfileHandlers({ db, logger, assetsBaseUrl: 'https://assets.example.com', origins: [ORIGIN], renditions: s3SupersededRenditions(s3.client, BUCKET) });
  });
  afterAll(async () => {
    await db.close();
    await s3.close();
  });
  beforeEach(async () => {
    await db.query('TRUNCATE users');
    const listed = await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    for (const { Key } of listed.Contents ?? []) await s3.client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key }));
  });

  const message = (version: string, sub = SUB) => avatarProcessedMessage(sub, version);
  const deliver = (...messages: unknown[]) => h.avatarProcessed(snsEvent(messages), lambdaContext());

  /** What the thumbnail function writes for an upload, before it publishes. */
  async function writeRenditions(version: string, sub = SUB): Promise<void> {
    for (const { key, contentType } of message(version, sub).renditions) {
      await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: `${version} ${key}`, ContentType: contentType }));
    }
  }

  async function storedKeys(): Promise<Set<string>> {
    const listed = await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    return new Set((listed.Contents ?? []).map((o) => o.Key!));
  }

  const keysOf = (version: string, sub = SUB) => message(version, sub).renditions.map((r) => r.key);

  it('deletes the replaced version once the new one is recorded', async () => {
    await writeRenditions(V1);
    await deliver(message(V1));
    await writeRenditions(V2);
    expect(await deliver(message(V2))).toEqual({ recorded: 1, stale: 0, rejected: 0 });
    expect([...(await storedKeys())].sort()).toEqual(keysOf(V2).sort());
  });

  it.each(permutations(VERSIONS).map((order) => [order.map((v) => VERSIONS.indexOf(v) + 1).join(' '), order]))(
    'in delivery order %s, each delivered twice: the shown avatar and anything newer always exist; only the newest is left',
    async (_, order) => {
      for (const version of VERSIONS) await writeRenditions(version);
      const deliveries = [...order, ...[...order].reverse()];
      for (const version of deliveries) {
        await deliver(message(version));
        const current = await currentAvatarVersion(db, SUB);
        const stored = await storedKeys();
        for (const kept of VERSIONS.filter((v) => v >= current!)) {
          for (const key of keysOf(kept)) expect(stored).toContain(key);
        }
      }
      expect(await currentAvatarVersion(db, SUB)).toBe(V3);
      expect([...(await storedKeys())].sort()).toEqual(keysOf(V3).sort());
    },
  );

  it('keeps a newer upload whose message has not arrived yet', async () => {
    for (const version of VERSIONS) await writeRenditions(version);
    await deliver(message(V2));
    const stored = await storedKeys();
    for (const key of [...keysOf(V2), ...keysOf(V3)]) expect(stored).toContain(key);
    for (const key of keysOf(V1)) expect(stored).not.toContain(key);
  });

  it('deletes an old version the thumbnail wrote again (a duplicate S3 event) when its repeated message arrives', async () => {
    await writeRenditions(V1);
    await deliver(message(V1));
    await writeRenditions(V2);
    await deliver(message(V2));
    await writeRenditions(V1);
    expect(await deliver(message(V1))).toEqual({ recorded: 0, stale: 1, rejected: 0 });
    expect([...(await storedKeys())].sort()).toEqual(keysOf(V2).sort());
  });

  it("never touches another user's renditions, even one whose sub extends this one", async () => {
    const other = `${SUB}0`;
    await writeRenditions(V1, other);
    await writeRenditions(V1);
    await writeRenditions(V2);
    await deliver(message(V2));
    const stored = await storedKeys();
    for (const key of keysOf(V1, other)) expect(stored).toContain(key);
  });

  it('an S3 failure fails the delivery for a retry, after the new avatar is recorded; the retry prunes', async () => {
    const unreachable = new S3Client({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9', forcePathStyle: true, credentials: LOCAL_S3_CREDENTIALS, maxAttempts: 1 });
    const failing = createProfileHandlers({ db, logger, assetsBaseUrl: 'https://assets.example.com', origins: [ORIGIN], renditions: s3SupersededRenditions(unreachable, BUCKET) });
    await writeRenditions(V1);
    await deliver(message(V1));
    await writeRenditions(V2);
    try {
      await expect(failing.avatarProcessed(snsEvent([message(V2)]), lambdaContext())).rejects.toThrow();
    } finally {
      unreachable.destroy();
    }
    expect(await currentAvatarVersion(db, SUB)).toBe(V2);
    for (const key of keysOf(V1)) expect(await storedKeys()).toContain(key);

    expect(await deliver(message(V2))).toEqual({ recorded: 0, stale: 1, rejected: 0 });
    expect([...(await storedKeys())].sort()).toEqual(keysOf(V2).sort());
  });
});
