import { mkdirSync, rmSync } from 'node:fs';
import { type RequestListener, type Server, createServer } from 'node:http';
import path from 'node:path';
import { createLocalCognito, seedUserPool } from '@cruddur/local/cognito';
import { DurableInvoker, createLambdaInvokeApi } from '@cruddur/local/lambda-invoker';
import { startS3rver } from '@cruddur/local/s3-front';
import { s3SupersededRenditions } from '@cruddur/profile/profiles';
import { ASSETS_PREFIX } from '@cruddur/storage/s3-keys';
import { createAssetsCdn } from './assets/assets-cdn';
import { assertStackDataDir, assertUsableDataDir, claimDataDir, lockDataDir, recordStackEntries, resetDataDir } from './data-dir';
import { type LocalAws, localS3Client } from './handlers/production-handlers';
import { closeServer, listen, loopbackUrl } from './net/listen';
import { type LocalStack, type LocalStackOptions, SERVICE_NAMES, type ServiceName } from './options';
import { type StackContext, localHttpApi, localS3 } from './parts';
import { startProfileBackend } from './profile/profile-backend';
import { writeStackFile } from './stack-file';
import { prepareWebSite } from './web/web-build';
import { createWebServer } from './web/web-server';

const REGION = 'us-east-1';
const UPLOADS_BUCKET = 'cruddur-uploads-local';
const ASSETS_BUCKET = 'cruddur-assets-local';
/** s3rver's built-in account: the S3 front forwards requests signed with it, and s3rver knows no other. */
const LOCAL_CREDENTIALS = Object.freeze({ accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' });

/** apps/local-stack/src → the workspace root. */
export const WORKSPACE_ROOT = path.resolve(__dirname, '../../..');

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
  Lock = 4,
}

/** What has started so far, to stop by phase: on `stop()`, or when the start fails half-way. */
class Stoppables {
  private readonly steps: { name: string; phase: StopPhase; stop: () => Promise<void> | void }[] = [];

  add(name: string, phase: StopPhase, stop: () => Promise<void> | void): void {
    this.steps.push({ name, phase, stop });
  }

  /** Registers `stop` for a part once it has started, and hands the part on. */
  started<T>(name: string, phase: StopPhase, stop: (part: T) => Promise<void> | void): (part: T) => T {
    return (part) => {
      this.add(name, phase, () => stop(part));
      return part;
    };
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

/** The stage each service listens on, which stops with the doors except the S3 and Cognito the invocations in flight still call. */
function serverStopPhase(name: ServiceName): StopPhase {
  return name === 's3' || name === 'cognito' ? StopPhase.Services : StopPhase.Entrances;
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
  const logLevel = options.handlerLogLevel ?? 'INFO';
  const dataDir = path.resolve(options.dataDir);
  assertUsableDataDir(dataDir);
  assertStackDataDir(dataDir, { reset: options.reset === true });
  // The lock first: neither a reset nor a start may touch a folder another stack is using.
  const lock = lockDataDir(dataDir);
  const running = new Stoppables();
  running.add('data folder lock', StopPhase.Lock, () => lock.release());
  try {
    if (options.reset) resetDataDir(dataDir);
    mkdirSync(dataDir, { recursive: true });
    const entriesBefore = claimDataDir(dataDir);

    // The ports first, so that a taken one fails the start before anything else happens.
    const servers = {} as Record<ServiceName, Server>;
    const urls = {} as Record<ServiceName, string>;
    let webPort = 0;
    for (const name of SERVICE_NAMES) {
      const server = createServer();
      const port = await listen(server, options.ports?.[name] ?? 0, name);
      if (name === 'web') webPort = port;
      urls[name] = loopbackUrl(port);
      servers[name] = server;
      running.add(`${name} server`, serverStopPhase(name), () => closeServer(server));
    }
    const webUrl = `http://localhost:${webPort}`;
    const origins = [webUrl, urls.web];

    // Accepted S3 events and SNS messages are journaled here, and parked here after their retries.
    const invoker = new DurableInvoker({ directory: path.join(dataDir, 'lambda'), log, retryDelaysMs: options.retryDelaysMs, paused: options.pausedFunctions });
    running.add('pending invocations', StopPhase.Invocations, () => invoker.drain());

    const aws: LocalAws = { region: REGION, credentials: { ...LOCAL_CREDENTIALS }, s3Endpoint: urls.s3, uploadsBucket: UPLOADS_BUCKET, assetsBucket: ASSETS_BUCKET, origins, logLevel, log };
    // The subscriber deletes superseded renditions through the S3 front, as in AWS through S3.
    const subscriberS3 = localS3Client(aws);
    running.add('subscriber s3 client', StopPhase.Services, () => subscriberS3.destroy());
    const renditions = s3SupersededRenditions(subscriberS3, ASSETS_BUCKET);

    const [cognito, s3rver, site, profile] = await allStarted([
      createLocalCognito({ directory: path.join(dataDir, 'cognito'), endpoint: urls.cognito, log }),
      startS3rver(path.join(dataDir, 's3'), [UPLOADS_BUCKET, ASSETS_BUCKET]).then(running.started('s3rver', StopPhase.Storage, (s) => s.close())),
      options.webRoot !== undefined
        ? Promise.resolve({ root: path.resolve(options.webRoot) as string | undefined, reason: undefined as string | undefined })
        : prepareWebSite({ workspaceRoot: WORKSPACE_ROOT, build: options.buildWeb ?? true, log }),
      startProfileBackend({ dbDir: path.join(dataDir, 'db'), region: REGION, assetsBaseUrl: urls.assets, origins, invoker, logLevel, log, renditions }).then(
        running.started('database', StopPhase.Storage, (p) => p.close()),
      ),
    ] as const);
    // Seeding goes through the Cognito API, so cognito listens before the other parts.
    servers.cognito.on('request', cognito.handle);
    const pool = await seedUserPool(cognito.endpoint, options.users);
    await profile.ensureProfiles(pool.demoUsers);

    const context: StackContext = {
      aws: { ...aws, s3Endpoint: options.handlerS3Endpoint ? await options.handlerS3Endpoint(urls.s3) : urls.s3 },
      credentials: LOCAL_CREDENTIALS,
      invoker,
      log,
    };
    const issuer = { issuer: cognito.issuer(pool.userPoolId), jwksUri: cognito.jwksUri(pool.userPoolId), clientId: pool.clientId };
    const cognitoInfo = { endpoint: cognito.endpoint, region: REGION, userPoolId: pool.userPoolId, clientId: pool.clientId };
    const s3 = localS3(context, s3rver, profile.publisher);
    running.add('s3 front connections', StopPhase.Services, () => s3.close());
    const assetsClient = localS3Client({ ...context.aws, s3Endpoint: urls.s3 });
    running.add('assets client', StopPhase.Services, () => assetsClient.destroy());

    // The parts behind the other ports (cognito's is in place already).
    const parts: Record<Exclude<ServiceName, 'cognito'>, RequestListener> = {
      s3: s3.handle,
      api: localHttpApi(context, profile.routes, issuer).handle,
      assets: createAssetsCdn({ s3: assetsClient, bucket: ASSETS_BUCKET, prefix: ASSETS_PREFIX, log }).handle,
      lambda: createLambdaInvokeApi({ invoker, log }).handle,
      web: createWebServer({ root: site.root, placeholderReason: site.reason, config: { apiUrl: urls.api, assetsUrl: urls.assets, cognito: cognitoInfo }, log }).handle,
    };
    for (const [name, handle] of Object.entries(parts) as [ServiceName, RequestListener][]) servers[name].on('request', handle);
    const resumed = invoker.resume();
    if (resumed > 0) log(`resumed ${resumed} invocation(s) accepted before the last stop`);

    let stopping: Promise<void> | undefined;
    const stack: LocalStack = {
      webUrl,
      apiUrl: urls.api,
      assetsUrl: urls.assets,
      s3Url: urls.s3,
      lambdaUrl: urls.lambda,
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
    recordStackEntries(dataDir, entriesBefore);
    lock.describe({ web: stack.webUrl, api: stack.apiUrl, s3: stack.s3Url, cognito: stack.cognito.endpoint, assets: stack.assetsUrl });
    return stack;
  } catch (error) {
    await running.stopAll(log);
    throw error;
  }
}
