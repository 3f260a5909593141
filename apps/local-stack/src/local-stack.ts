import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import path from 'node:path';
import { API_ROUTES } from '@cruddur/contract';
import { ASSETS_PREFIX, UPLOADS_PREFIX } from '@cruddur/s3-keys';
import { createAssetsCdn } from './assets/assets-cdn';
import { createHttpApiGateway } from './api/http-api-gateway';
import { type ApiRoute, apiRoute } from './api/routes';
import { type LocalCognito, startLocalCognito } from './cognito/local-cognito';
import { seedUserPool } from './cognito/seed-user-pool';
import { UsageError } from './errors';
import {
  type LocalAws,
  localAuthorizerHandler,
  localFunction,
  localPresignHandler,
  localS3Client,
  localThumbnailHandler,
} from './handlers/production-handlers';
import { AsyncInvoker } from './lambda/async-invoker';
import { closeServer, listen, loopbackUrl } from './net/listen';
import { type LocalStack, type LocalStackOptions, SERVICE_NAMES, type ServiceName } from './options';
import { type ProfileBackend, startProfileBackend } from './profile/profile-backend';
import { type LocalS3rver, startS3rver } from './s3/local-s3rver';
import { createS3Front } from './s3/s3-front';
import { SigV4Verifier } from './s3/sigv4-verifier';
import { writeStackFile } from './stack-file';
import { prepareWebSite } from './web/web-build';
import { createWebServer } from './web/web-server';

export const REGION = 'us-east-1';
export const UPLOADS_BUCKET = 'cruddur-uploads-local';
export const ASSETS_BUCKET = 'cruddur-assets-local';
/** s3rver's built-in account: the S3 front forwards requests signed with it, and s3rver knows no other. */
export const LOCAL_CREDENTIALS = Object.freeze({ accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' });
const MARKER = '.cruddur-local-stack';

/** apps/local-stack/src → the workspace root. */
export const WORKSPACE_ROOT = path.resolve(__dirname, '../../..');

/** Empties the data folder, refusing a folder the stack did not create. */
function resetDataDir(dataDir: string): void {
  if (!existsSync(dataDir)) return;
  const entries = readdirSync(dataDir);
  if (entries.length > 0 && !entries.includes(MARKER)) {
    throw new UsageError(`refusing to wipe ${dataDir}: it is not a local stack data folder (no ${MARKER} in it)`);
  }
  rmSync(dataDir, { recursive: true, force: true });
}

/**
 * When each part stops: first the doors (no new requests from outside), then the invocations in
 * flight finish (the thumbnail still needs S3, the profile subscriber the database), then the
 * services they used.
 */
enum StopPhase {
  Entrances = 0,
  Invocations = 1,
  Services = 2,
  Storage = 3,
}

/** What has started so far, to stop by phase: on `stop()`, or when the start fails half-way. */
class Stoppables {
  private readonly steps: { name: string; phase: StopPhase; stop: () => Promise<void> | void }[] = [];

  add(name: string, phase: StopPhase, stop: () => Promise<void> | void): void {
    this.steps.push({ name, phase, stop });
  }

  async stopAll(log: (line: string) => void): Promise<void> {
    const steps = this.steps.splice(0).sort((a, b) => a.phase - b.phase);
    for (const step of steps) {
      try {
        await step.stop();
      } catch (error) {
        log(`stop: ${step.name}: ${String(error)}`);
      }
    }
  }
}

/** Like Promise.all, but waits for every start to settle, so that nothing is still starting when a failed start is rolled back. */
async function allStarted<T extends readonly unknown[]>(starts: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const results = await Promise.allSettled(starts);
  const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/**
 * Starts the whole avatar flow on this machine, in this process: cognito-local with demo users,
 * s3rver behind an S3 front that checks signatures and emits S3 events, the API with the real
 * authorizer and handlers, PGlite with migrations, the assets "CDN" and the web page.
 *
 * @example
 * const stack = await startLocalStack({ dataDir: '.local', ports: { web: 0, api: 0, s3: 0, cognito: 0, assets: 0 } });
 * console.log(stack.webUrl);
 * await stack.stop();
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const started = Date.now();
  const log = options.log ?? ((line: string) => console.log(line));
  const dataDir = path.resolve(options.dataDir);
  if (options.reset) resetDataDir(dataDir);
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path.join(dataDir, MARKER), 'Data of `npm start` (apps/local-stack). `npm start -- --reset` wipes it.\n');

  const running = new Stoppables();
  try {
    // The ports first, so that a taken one fails the start before anything else happens.
    const servers = {} as Record<Exclude<ServiceName, 'cognito'>, Server>;
    const ports = {} as Record<Exclude<ServiceName, 'cognito'>, number>;
    for (const name of SERVICE_NAMES.filter((n): n is Exclude<ServiceName, 'cognito'> => n !== 'cognito')) {
      const server = createServer();
      ports[name] = await listen(server, options.ports?.[name] ?? 0, name);
      servers[name] = server;
      running.add(`${name} server`, name === 's3' ? StopPhase.Services : StopPhase.Entrances, () => closeServer(server));
    }
    const s3Url = loopbackUrl(ports.s3);
    const apiUrl = loopbackUrl(ports.api);
    const assetsUrl = loopbackUrl(ports.assets);
    const webUrl = `http://localhost:${ports.web}`;
    const origins = [webUrl, loopbackUrl(ports.web)];

    const [cognito, s3rver, site] = await allStarted<[LocalCognito, LocalS3rver, { root: string | undefined; reason?: string }]>([
      startLocalCognito({ directory: path.join(dataDir, 'cognito'), port: options.ports?.cognito ?? 0, log }).then((c) => {
        running.add('cognito', StopPhase.Services, () => closeServer(c.server));
        return c;
      }),
      startS3rver(path.join(dataDir, 's3'), [UPLOADS_BUCKET, ASSETS_BUCKET]).then((s) => {
        running.add('s3rver', StopPhase.Storage, () => s.close());
        return s;
      }),
      options.webRoot !== undefined
        ? Promise.resolve({ root: path.resolve(options.webRoot), reason: undefined })
        : prepareWebSite({ workspaceRoot: WORKSPACE_ROOT, build: options.buildWeb ?? true, log }),
    ]);

    const invoker = new AsyncInvoker({ log, retryDelaysMs: options.retryDelaysMs });
    running.add('pending invocations', StopPhase.Invocations, () => invoker.drain());

    const [pool, profile] = await allStarted<[Awaited<ReturnType<typeof seedUserPool>>, ProfileBackend]>([
      seedUserPool(cognito.endpoint),
      startProfileBackend({ dbDir: path.join(dataDir, 'db'), region: REGION, assetsBaseUrl: assetsUrl, origins, invoker, logLevel: options.handlerLogLevel ?? 'INFO', log }).then(
        (p) => {
          running.add('database', StopPhase.Storage, () => p.close());
          return p;
        },
      ),
    ]);
    await profile.ensureProfiles(pool.demoUsers);

    const aws: LocalAws = {
      region: REGION,
      credentials: { ...LOCAL_CREDENTIALS },
      s3Endpoint: s3Url,
      uploadsBucket: UPLOADS_BUCKET,
      assetsBucket: ASSETS_BUCKET,
      origins,
      logLevel: options.handlerLogLevel ?? 'INFO',
    };
    const thumbnailFn = localFunction('thumbnail', REGION);
    const thumbnail = localThumbnailHandler(aws, profile.publisher);
    const front = createS3Front({
      upstream: { host: s3rver.host, port: s3rver.port },
      verifier: new SigV4Verifier({ region: REGION, credentials: [LOCAL_CREDENTIALS] }),
      region: REGION,
      cors: {
        // The uploads bucket's rule from infra (AvatarStorage): browsers PUT from the web origins.
        [UPLOADS_BUCKET]: [{ allowedOrigins: origins, allowedMethods: ['PUT'], allowedHeaders: ['content-type', 'x-amz-*'], exposedHeaders: ['ETag'], maxAgeSeconds: 3000 }],
      },
      notifications: [
        {
          bucket: UPLOADS_BUCKET,
          prefix: UPLOADS_PREFIX,
          configurationId: 'thumbnail-on-upload',
          deliver: (event) => invoker.invoke(thumbnailFn, thumbnail, event, `s3://${UPLOADS_BUCKET}/${event.Records[0]?.s3.object.key}`),
        },
      ],
      log,
    });
    servers.s3.on('request', front.handle);
    running.add('s3 front connections', StopPhase.Services, () => front.close());

    const issuer = { issuer: cognito.issuer(pool.userPoolId), jwksUri: cognito.jwksUri(pool.userPoolId), clientId: pool.clientId };
    const routes: ApiRoute[] = [
      apiRoute(API_ROUTES.presignAvatarUpload, localFunction('presign', REGION), localPresignHandler(aws)),
      ...profile.routes,
    ];
    const gateway = createHttpApiGateway({
      api: { apiId: 'local', region: REGION, stage: '$default' },
      routes,
      // Results cached per token for 60 s, as AUTHORIZER_CACHE_TTL in infra.
      authorizer: { fn: localFunction('authorizer', REGION), handler: localAuthorizerHandler(aws, issuer), resultsCacheTtlSeconds: 60 },
      cors: { allowOrigins: origins, allowMethods: ['GET', 'POST', 'PUT'], allowHeaders: ['authorization', 'content-type'], maxAgeSeconds: 3600 },
      log,
    });
    servers.api.on('request', gateway.handle);

    const assetsClient = localS3Client(aws);
    running.add('assets client', StopPhase.Services, () => assetsClient.destroy());
    servers.assets.on('request', createAssetsCdn({ s3: assetsClient, bucket: ASSETS_BUCKET, prefix: ASSETS_PREFIX, log }).handle);

    const cognitoInfo = { endpoint: cognito.endpoint, region: REGION, userPoolId: pool.userPoolId, clientId: pool.clientId };
    servers.web.on('request', createWebServer({ root: site.root, placeholderReason: site.reason, config: { apiUrl, assetsUrl, cognito: cognitoInfo }, log }).handle);

    let stopping: Promise<void> | undefined;
    const stack: LocalStack = {
      webUrl,
      apiUrl,
      assetsUrl,
      s3Url,
      cognito: { ...cognitoInfo, ...issuer },
      demoUsers: pool.demoUsers,
      region: REGION,
      s3Credentials: { ...LOCAL_CREDENTIALS },
      buckets: { uploads: UPLOADS_BUCKET, assets: ASSETS_BUCKET },
      dataDir,
      startupMs: Date.now() - started,
      stop: () => (stopping ??= running.stopAll(log)),
    };
    const stackFile = path.join(dataDir, 'stack.json');
    writeStackFile(stackFile, stack);
    running.add('stack.json', StopPhase.Entrances, () => rmSync(stackFile, { force: true }));
    return stack;
  } catch (error) {
    await running.stopAll(log);
    throw error;
  }
}
