import { ListObjectsV2Command, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { PGlite } from '@electric-sql/pglite';
import { UPLOADS_PREFIX, avatarUploadKey, parseAvatarUploadKey } from '@cruddur/storage/s3-keys';
import { API_ROUTES, routeKey } from '@cruddur/shared/contract';
import { authorizerEvent, customResourceEvent, httpApiEvent, s3Event, snsEvent } from '@cruddur/shared/lambda-events';
import { blazeFaceFinder } from '@cruddur/media/image';
import { faceSet, heicFixture, photoJpeg, placePhoto } from '@cruddur/testing/images';
import { LOCAL_S3_CREDENTIALS, type JwksServer, forgeToken, startJwksServer } from '@cruddur/testing/fixtures';
import type { APIGatewayProxyStructuredResultV2, CloudFormationCustomResourceCreateEvent } from 'aws-lambda';
import { rmSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { type ArtifactFunction, type PostgresWireServer, lambdaNodeRuntime, startArtifact, startPostgresWireServer } from '../../src';
import { type LocalS3Front, REGION, startLocalS3Front } from '../helpers/local-s3-front';
import { type LocalSecretsManager, startLocalSecretsManager } from '../helpers/local-secrets-manager';
import { type LocalSns, startLocalSns } from '../helpers/local-sns';
import { type TestCertificate, selfSignedCertificate } from '../helpers/tls-certificate';
import { thumbnailArtifactWithSharpFor } from '../helpers/thumbnail-variant';
import { type XRayDaemon, startXRayDaemon } from '../helpers/xray-daemon';

type FunctionName = 'authorizer' | 'presign' | 'thumbnail' | 'profile';

const DIST = path.resolve(__dirname, '../../../../dist/apps');
const BUCKETS = { uploads: 'uploads', assets: 'assets' };
const TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:cruddur-avatars-dev-avatar-processed';
const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:cruddur-avatars-dev-database-AbCdEf';
const ORIGIN = 'https://cruddur.example';
const SUB = 'a7e2c9d4-1b3f-4e5a-9c8d-7f6e5d4c3b2a';
const AWS_CREDENTIALS = { AWS_ACCESS_KEY_ID: LOCAL_S3_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: LOCAL_S3_CREDENTIALS.secretAccessKey };

function migrationsCreateEvent(): CloudFormationCustomResourceCreateEvent {
  return customResourceEvent('Create', { region: 'us-east-1', logicalResourceId: 'SchemaMigrations' });
}

describe.each(['arm64', 'x64'] as const)('the built functions on Node 22 linux-%s', (arch) => {
  const runtime = lambdaNodeRuntime(arch);
  const started: ArtifactFunction[] = [];
  let jwks: JwksServer;
  let s3: LocalS3Front;
  let sns: LocalSns;
  let xray: XRayDaemon;
  const temporary: string[] = [];

  /** The folder infra packages; on x64 the thumbnail's copy with x64 sharp (the shipped one is arm64 only). */
  function artifactDir(fn: FunctionName): string {
    if (fn !== 'thumbnail' || arch === 'arm64') return path.join(DIST, fn);
    const copy = thumbnailArtifactWithSharpFor('x64', path.join(DIST, fn));
    temporary.push(path.dirname(copy));
    return copy;
  }

  async function start(fn: FunctionName, env: Record<string, string>) {
    const artifact = await startArtifact({ artifactDir: artifactDir(fn), runtime, functionName: fn, region: REGION, env });
    started.push(artifact);
    return artifact;
  }

  /** The thumbnail as its stack configures it, against this suite's S3 front, SNS and X-Ray stand-ins. */
  function startThumbnail(extra: Record<string, string> = {}) {
    return start('thumbnail', {
      ...AWS_CREDENTIALS,
      ASSETS_BUCKET: BUCKETS.assets,
      S3_ENDPOINT: s3.endpoint,
      AVATAR_PROCESSED_TOPIC_ARN: TOPIC_ARN,
      AWS_ENDPOINT_URL_SNS: sns.endpoint,
      AWS_XRAY_DAEMON_ADDRESS: xray.address,
      ...extra,
    });
  }

  beforeAll(async () => {
    [jwks, s3, sns, xray] = await Promise.all([startJwksServer(), startLocalS3Front(BUCKETS, UPLOADS_PREFIX), startLocalSns(), startXRayDaemon()]);
  });
  afterAll(async () => {
    await Promise.all(started.map((fn) => fn.close()));
    await Promise.all([jwks?.close(), s3?.close(), sns?.close(), xray?.close()]);
    for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
  });

  it('authorizer: verifies a Cognito access token against the JWKS server, refuses a forged one', async () => {
    const fn = await start('authorizer', { JWT_ISSUER: jwks.issuer, JWT_JWKS_URI: jwks.jwksUri, COGNITO_CLIENT_ID: jwks.clientId });
    expect(fn.runtime).toMatchObject({ version: `v${runtime.version}`, arch, platform: 'linux' });
    expect(fn.handlers).toEqual(['handler']);

    const token = jwks.signAccessToken({ sub: SUB, username: 'alice' });
    expect(await fn.invoke('handler', authorizerEvent({ headers: { authorization: `Bearer ${token}` } }))).toEqual({
      isAuthorized: true,
      context: { sub: SUB, username: 'alice' },
    });
    const forged = forgeToken(jwks, 'other-key-same-kid');
    expect(await fn.invoke('handler', authorizerEvent({ headers: { authorization: `Bearer ${forged}` } }))).toEqual({ isAuthorized: false });
    expect(jwks.requests).toBeGreaterThan(0);
  });

  it('presign → PUT → thumbnail: a signed URL the S3 front accepts, an upload rendered by its own sharp', async () => {
    const photo = await photoJpeg({ width: 1200, height: 900, exif: true });
    const presign = await start('presign', {
      ...AWS_CREDENTIALS,
      UPLOADS_BUCKET: BUCKETS.uploads,
      S3_ENDPOINT: s3.endpoint,
      ALLOWED_ORIGINS: ORIGIN,
    });
    const answer = await presign.invoke<APIGatewayProxyStructuredResultV2>(
      'handler',
      httpApiEvent({
        routeKey: 'POST /avatars/key_upload',
        headers: { origin: ORIGIN },
        body: { contentType: 'image/jpeg', contentLength: photo.byteLength },
        authorizer: { sub: SUB, username: 'alice' },
      }),
    );
    expect(answer.statusCode).toBe(200);
    expect(answer.headers?.['Access-Control-Allow-Origin']).toBe(ORIGIN);
    const ticket = JSON.parse(answer.body!) as { url: string; method: string; headers: Record<string, string>; key: string };
    expect(ticket.key.startsWith(`${UPLOADS_PREFIX}${SUB}/`)).toBe(true);

    // The front refuses what the signature does not cover, so this 200 proves the artifact signed it right.
    const wrongType = await fetch(ticket.url, { method: ticket.method, body: photo, headers: { 'Content-Type': 'image/png' } });
    expect(wrongType.status).toBe(403);
    const put = await fetch(ticket.url, { method: ticket.method, body: photo, headers: ticket.headers });
    expect(put.status).toBe(200);
    expect(s3.events).toHaveLength(1);

    const thumbnail = await startThumbnail();
    expect(thumbnail.runtime.arch).toBe(arch);
    expect(await thumbnail.invoke('handler', s3.events[0])).toEqual({ processed: 1, rejected: 0, skipped: 0 });

    // Traced as in Lambda: the handler's subsegment with the SDK calls under it, sent to the daemon.
    const operations = () => xray.segments().map((s) => (s.namespace === 'aws' ? `${s.name}.${s.aws?.operation}` : s.name));
    const deadline = Date.now() + 10_000;
    // The handler's own segment closes last, after the original is deleted.
    while (!operations().includes('## index.handler') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(operations()).toEqual(expect.arrayContaining(['## index.handler', 'S3.GetObject', 'S3.PutObject', 'SNS.Publish', 'S3.DeleteObject']));
    // Its metrics: EMF lines in its log, for CloudWatch Logs to extract.
    const emf = thumbnail.logs().split('\n').filter((line) => line.includes('"_aws"'));
    expect(emf.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([expect.objectContaining({ service: 'thumbnail', UploadsProcessed: 1 })]);

    const listed = await s3.s3.client.send(new ListObjectsV2Command({ Bucket: BUCKETS.assets, Prefix: `avatars/${SUB}/` }));
    const keys = (listed.Contents ?? []).map((o) => o.Key!).sort();
    expect(keys.map((k) => path.basename(k)).sort()).toEqual(['128.jpg', '128.webp', '512.jpg', '512.webp']);
    for (const key of keys) {
      const object = await s3.s3.client.send(new GetObjectCommand({ Bucket: BUCKETS.assets, Key: key }));
      const meta = await sharp(Buffer.from(await object.Body!.transformToByteArray())).metadata();
      const size = Number(path.basename(key).split('.')[0]);
      expect([meta.format, meta.width, meta.height]).toEqual([key.endsWith('.webp') ? 'webp' : 'jpeg', size, size]);
      expect(meta.exif).toBeUndefined();
    }

    expect(sns.published).toHaveLength(1);
    const [publication] = sns.published;
    expect(publication).toMatchObject({ topicArn: TOPIC_ARN, attributes: { type: 'avatar.processed' } });
    expect(publication!.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=S3RVER\/\d{8}\/us-east-1\/sns\/aws4_request/);
    expect(JSON.parse(publication!.message)).toMatchObject({ type: 'avatar.processed', sub: SUB, uploadKey: ticket.key });
  });

  describe('profile as its stack configures it: a database secret, verified TLS (PGlite on the wire: the bundle ships pg, not PGlite)', () => {
    let pglite: PGlite;
    let certificate: TestCertificate;
    let postgres: PostgresWireServer;
    let secrets: LocalSecretsManager;
    beforeAll(async () => {
      pglite = await PGlite.create();
      certificate = selfSignedCertificate();
      postgres = await startPostgresWireServer(pglite, { tls: certificate });
      const { port } = new URL(postgres.url);
      secrets = await startLocalSecretsManager({
        [SECRET_ARN]: JSON.stringify({ host: '127.0.0.1', port: Number(port), username: 'postgres', password: 'not-checked', dbname: 'postgres' }),
      });
    });
    afterAll(async () => {
      await Promise.all([postgres?.close(), secrets?.close()]);
      await pglite?.close();
      certificate?.remove();
    });

    it('migrates on deploy, serves the profile routes and records the avatar the thumbnail announced', async () => {
      // ProfileStack's environment, with the local endpoint and CA bundle in place of AWS's.
      const profile = await start('profile', {
        ...AWS_CREDENTIALS,
        DATABASE_SECRET_ARN: SECRET_ARN,
        AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
        NODE_EXTRA_CA_CERTS: certificate.certFile,
        ASSETS_BASE_URL: 'https://assets.cruddur.example/',
        ALLOWED_ORIGINS: ORIGIN,
      });
      // The handlers the profile stack points its eight functions at (infra/src/names.ts PROFILE_HANDLERS).
      expect(profile.handlers).toEqual(
        expect.arrayContaining(['getProfile', 'getOwnProfile', 'updateProfile', 'getUploadStatus', 'removeAvatar', 'avatarProcessed', 'renditionsDeleted', 'migrate']),
      );
      expect(await profile.invoke('migrate', migrationsCreateEvent())).toMatchObject({
        Data: { Status: 'migrated', Applied: expect.stringContaining('create_users') },
      });

      const authorizer = { sub: SUB, username: 'alice' };
      const updated = await profile.invoke<APIGatewayProxyStructuredResultV2>(
        'updateProfile',
        httpApiEvent({ routeKey: 'PUT /api/profile/update', headers: { origin: ORIGIN }, body: { display_name: 'Alice', bio: `on ${arch}` }, authorizer }),
      );
      expect(updated.statusCode).toBe(200);
      expect(JSON.parse(updated.body!)).toMatchObject({ handle: 'alice', display_name: 'Alice', bio: `on ${arch}` });

      // The message the thumbnail artifact published above, delivered as SNS delivers it.
      expect(sns.published).toHaveLength(1);
      const announced = JSON.parse(sns.published[0]!.message) as { version: string };
      expect(await profile.invoke('avatarProcessed', snsEvent([sns.published[0]!.message], TOPIC_ARN))).toMatchObject({ recorded: 1 });
      const version = announced.version;

      const shown = await profile.invoke<APIGatewayProxyStructuredResultV2>(
        'getProfile',
        httpApiEvent({ routeKey: 'GET /api/profiles/{handle}', pathParameters: { handle: 'alice' }, authorizer: null }),
      );
      expect(shown.statusCode).toBe(200);
      expect(JSON.parse(shown.body!).avatar.url).toBe(`https://assets.cruddur.example/avatars/${SUB}/${version}/512.jpg`);

      const status = await profile.invoke<APIGatewayProxyStructuredResultV2>(
        'getUploadStatus',
        httpApiEvent({ routeKey: routeKey(API_ROUTES.getAvatarUploadStatus), pathParameters: { uploadId: version }, headers: { origin: ORIGIN }, authorizer }),
      );
      expect(status.statusCode).toBe(200);
      expect(JSON.parse(status.body!)).toMatchObject({ status: 'ready', avatar: { version } });
      expect((await pglite.query<{ n: number }>('SELECT count(*)::int AS n FROM users')).rows).toEqual([{ n: 1 }]);
      expect(secrets.requested).toEqual([SECRET_ARN]);
    });
  });

  it('thumbnail: frames an uncropped off-centre face on the face, with the BlazeFace model and tfjs WASM it ships', async () => {
    const photo = await placePhoto(faceSet().find((p) => p.name === 'dark-03.jpg')!, 'left third of 16:9').bytes();
    const key = avatarUploadKey(SUB, 'jpg');
    await s3.s3.client.send(new PutObjectCommand({ Bucket: BUCKETS.uploads, Key: key, Body: photo, ContentType: 'image/jpeg' }));
    const thumbnail = await startThumbnail({ POWERTOOLS_LOG_LEVEL: 'INFO' });
    expect(await thumbnail.invoke('handler', s3Event([{ bucket: BUCKETS.uploads, key, size: photo.byteLength }]))).toEqual({ processed: 1, rejected: 0, skipped: 0 });
    // The function says it framed on the face, and never that detection failed.
    expect(thumbnail.logs()).toContain('"framing":"face"');
    expect(thumbnail.logs()).not.toContain('face detection failed');
    const object = await s3.s3.client.send(
      new GetObjectCommand({ Bucket: BUCKETS.assets, Key: `avatars/${SUB}/${parseAvatarUploadKey(key).uploadId}/512.webp` }),
    );
    const { data, info } = await sharp(Buffer.from(await object.Body!.transformToByteArray())).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    // Checked on the host by the same detector: the face is in the middle of the avatar.
    const [face] = await blazeFaceFinder()({ pixels: data, width: info.width, height: info.height, channels: 3 });
    expect(face).toBeDefined();
    expect(Math.abs((face!.left + face!.width / 2) / info.width - 0.5)).toBeLessThan(0.15);
  });

  it('thumbnail: decodes an iPhone HEIC with the libheif WebAssembly it ships, upright', async () => {
    const photo = heicFixture('iphonePortrait');
    const key = avatarUploadKey(SUB, 'heic');
    await s3.s3.client.send(new PutObjectCommand({ Bucket: BUCKETS.uploads, Key: key, Body: photo, ContentType: 'image/heic' }));
    const thumbnail = await startThumbnail();
    expect(await thumbnail.invoke('handler', s3Event([{ bucket: BUCKETS.uploads, key, size: photo.byteLength }]))).toEqual({
      processed: 1,
      rejected: 0,
      skipped: 0,
    });

    const object = await s3.s3.client.send(
      new GetObjectCommand({ Bucket: BUCKETS.assets, Key: `avatars/${SUB}/${parseAvatarUploadKey(key).uploadId}/512.webp` }),
    );
    const { data, info } = await sharp(Buffer.from(await object.Body!.transformToByteArray())).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const red = (x: number, y: number) => {
      const [r, g, b] = data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3);
      return r! > 200 && g! < 50 && b! < 50;
    };
    // The stored pixels' red left third is the top once the irot is applied; not turned, it would be on the left.
    expect([red(256, 12), red(256, 500), red(12, 256), red(500, 256)]).toEqual([true, false, false, false]);
  });
});
