import { DEFAULT_AVATAR_SIZES } from '@cruddur/media/image';
import { API_ROUTES, type ApiRoute, type AvatarUploadTicket, ProfileJsonSchema, routePath } from '@cruddur/shared/contract';
import { ASSETS_PREFIX, type AvatarRenditionRef, type AvatarUpload, avatarRenditionRefs, keyToUrlPath, parseAvatarUploadKey } from '@cruddur/storage/s3-keys';
import sharp from 'sharp';
import * as z from 'zod/mini';
import { CheckFailedError } from './errors';
import type { StageProbe } from './stage-probe';
import type { SmokeTarget } from './target';

/** The checks, in the order they run; each prints one line. */
export const CHECK_NAMES = [
  'api-cors',
  'sign-in',
  'upload-url',
  'uploads-cors',
  'upload',
  'renditions',
  'profile',
  'avatar-subscription',
  'thumbnail-dlq',
  'cleanup',
] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

/** `warn` and `skip` do not fail the run; any `FAIL` does. */
type CheckStatus = 'pass' | 'FAIL' | 'warn' | 'skip';

export interface CheckResult {
  readonly name: CheckName;
  readonly status: CheckStatus;
  readonly reason: string;
}

/** Who the smoke test signs in as: a (dedicated) Cognito user, or an access token someone obtained. */
export type TestUser =
  | { readonly kind: 'password'; readonly username: string; readonly password: string }
  | { readonly kind: 'token'; readonly accessToken: string };

export interface SmokeOptions {
  /** The web origin preflights are sent from: one of the stage's configured web origins. */
  readonly origin: string;
  readonly user: TestUser;
  /** From the end of the upload, how long renditions and the profile may take to appear. */
  readonly deadlineMs: number;
  /** The JPEG to upload. */
  readonly image: Buffer;
  readonly pollIntervalMs?: number;
  /** Longest wait for any one answer. */
  readonly requestTimeoutMs?: number;
}

export interface SmokeIo {
  readonly fetch: typeof fetch;
  /** SNS and SQS of the stage; AWS mode only. */
  readonly probe?: StageProbe;
  /** Called with each result as soon as it is known. */
  readonly report: (result: CheckResult) => void;
}

/** The prefix of each result line, then the check name, then the reason. */
export function formatResult(result: CheckResult): string {
  return `${result.status.padEnd(4)}  ${result.name.padEnd(19)} ${result.reason}`;
}

const JSON_1_1 = 'application/x-amz-json-1.1';
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

interface Outcome {
  readonly status: Exclude<CheckStatus, 'FAIL'>;
  readonly reason: string;
}
const pass = (reason: string): Outcome => ({ status: 'pass', reason });

interface Step {
  readonly name: CheckName;
  /** What the check will do, for --dry-run. */
  readonly plan: string;
  /** Checks that must have passed (or warned) first; otherwise this one is skipped. */
  readonly needs?: readonly CheckName[];
  readonly run: () => Promise<Outcome>;
}

/** A fetch error as one short phrase: the socket error code, or "no answer within 15 s". */
function fetchFailure(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `no answer within ${seconds(timeoutMs)}`;
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(error);
}

function headerList(value: string | null): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .filter(Boolean);
}

/** The media type of a Content-Type header, without parameters. */
function mediaType(value: string | null): string {
  return (value ?? '').split(';')[0]?.trim() ?? ''.toLowerCase();
}

function s3ErrorCode(xml: string): string | undefined {
  return /<Code>([^<]*)<\/Code>/.exec(xml)?.[1];
}

/** A value an earlier check set; the step order guarantees it, this says so if that ever breaks. */
function required<T>(value: T | undefined): T {
  if (value === undefined) throw new CheckFailedError('an earlier check did not leave what this one needs');
  return value;
}

/** The route that deletes the caller's avatar, once the contract has one (a signed-in DELETE without parameters). */
export function avatarDeleteRoute(routes: readonly ApiRoute[] = Object.values(API_ROUTES)): ApiRoute | undefined {
  return routes.find((route) => route.method === 'DELETE' && route.auth === 'user' && !route.path.includes('{') && /avatar/.test(route.path));
}

/** The CDN URL of a rendition: the assets base URL and the key, each segment encoded. */
export function renditionUrl(assetsUrl: string, ref: Pick<AvatarRenditionRef, 'key'>): string {
  return `${assetsUrl}/${keyToUrlPath(ref.key)}`;
}

function renditionFile(ref: AvatarRenditionRef): string {
  return ref.key.slice(ref.key.lastIndexOf('/') + 1);
}

/** What is wrong with a rendition the CDN answered 200 for: its type, its encoding or its pixel size. */
export async function renditionProblem(ref: AvatarRenditionRef, response: Response, body: Buffer): Promise<string | undefined> {
  const type = mediaType(response.headers.get('content-type'));
  if (type !== ref.contentType) return `${renditionFile(ref)} is served as ${type || 'no type'}, not ${ref.contentType}`;
  let meta;
  try {
    meta = await sharp(body).metadata();
  } catch (error) {
    return `${renditionFile(ref)} does not decode: ${(error as Error).message}`;
  }
  if (meta.width !== ref.size || meta.height !== ref.size || meta.format !== ref.format) {
    return `${renditionFile(ref)} is ${meta.format} ${meta.width}×${meta.height}, not ${ref.format} ${ref.size}×${ref.size}`;
  }
  return undefined;
}

/** The checks against one target, each with its plan and its run. */
function buildSteps(target: SmokeTarget, options: SmokeOptions, io: Omit<SmokeIo, 'report'>): Step[] {
  const timeoutMs = options.requestTimeoutMs ?? 15_000;
  const pollMs = options.pollIntervalMs ?? 500;
  const origin = options.origin;
  let accessToken: string | undefined;
  let ticket: AvatarUploadTicket | undefined;
  let upload: AvatarUpload | undefined;
  let uploadedAt = 0;
  const theTicket = () => required(ticket);
  const theUpload = () => required(upload);
  const refs = () => avatarRenditionRefs(theUpload(), DEFAULT_AVATAR_SIZES);

  const send = async (url: string, init: RequestInit): Promise<Response> => {
    try {
      return await io.fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new CheckFailedError(`${init.method ?? 'GET'} ${url}: ${fetchFailure(error, timeoutMs)}`, { cause: error });
    }
  };
  const api = (route: ApiRoute, params: Record<string, string> = {}) => `${target.apiUrl}${routePath(route, params)}`;
  const authorized = () => ({ Authorization: `Bearer ${accessToken}`, Origin: origin });
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  /** Calls `probe` until it says done or the upload's deadline passes; the last answer either way. */
  const poll = async <T>(probe: () => Promise<{ done: boolean; value: T }>): Promise<{ done: boolean; value: T }> => {
    for (;;) {
      const answer = await probe();
      const left = uploadedAt + options.deadlineMs - Date.now();
      if (answer.done || left <= 0) return answer;
      await sleep(Math.min(pollMs, left));
    }
  };

  const steps: Step[] = [
    {
      name: 'api-cors',
      plan: `OPTIONS ${api(API_ROUTES.presignAvatarUpload)} from ${origin}: allows POST with authorization, content-type`,
      async run() {
        const url = api(API_ROUTES.presignAvatarUpload);
        const response = await send(url, {
          method: 'OPTIONS',
          headers: { Origin: origin, 'Access-Control-Request-Method': API_ROUTES.presignAvatarUpload.method, 'Access-Control-Request-Headers': 'authorization,content-type' },
        });
        const allowOrigin = response.headers.get('access-control-allow-origin');
        if (response.status >= 300 || allowOrigin !== origin) {
          throw new CheckFailedError(`preflight from ${origin} refused: ${response.status}, Access-Control-Allow-Origin ${allowOrigin ?? 'absent'}`);
        }
        const methods = headerList(response.headers.get('access-control-allow-methods'));
        const headers = headerList(response.headers.get('access-control-allow-headers'));
        const missing = [
          ...(methods.includes('post') || methods.includes('*') ? [] : ['method POST']),
          ...['authorization', 'content-type'].filter((h) => !headers.includes(h) && !headers.includes('*')).map((h) => `header ${h}`),
        ];
        if (missing.length > 0) throw new CheckFailedError(`preflight from ${origin} does not allow ${missing.join(', ')}`);
        return pass(`${response.status} from ${origin}: POST with authorization, content-type allowed`);
      },
    },
    {
      name: 'sign-in',
      plan: options.user.kind === 'token' ? 'use the given access token' : `InitiateAuth USER_PASSWORD_AUTH as ${options.user.username} at ${target.cognito.endpoint} (client ${target.cognito.clientId})`,
      async run() {
        if (options.user.kind === 'token') {
          accessToken = options.user.accessToken;
          return pass('using the given access token');
        }
        const { username, password } = options.user;
        const response = await send(target.cognito.endpoint, {
          method: 'POST',
          headers: { 'Content-Type': JSON_1_1, 'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
          body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: target.cognito.clientId, AuthParameters: { USERNAME: username, PASSWORD: password } }),
        });
        const body = (await response.json().catch(() => ({}))) as { __type?: string; message?: string; ChallengeName?: string; AuthenticationResult?: { AccessToken?: string } };
        if (!response.ok) {
          const type = (body.__type ?? response.headers.get('x-amzn-errortype') ?? `HTTP ${response.status}`).replace(/^.*#/, '').split(':')[0];
          throw new CheckFailedError(`Cognito refused ${username}: ${type}${body.message ? ` (${body.message})` : ''}`);
        }
        if (body.ChallengeName) throw new CheckFailedError(`${username} must answer ${body.ChallengeName} first: give the test user a permanent password`);
        const token = body.AuthenticationResult?.AccessToken;
        if (!token) throw new CheckFailedError('Cognito answered without an access token');
        accessToken = token;
        return pass(`${username} signed in (USER_PASSWORD_AUTH, client ${target.cognito.clientId})`);
      },
    },
    {
      name: 'upload-url',
      plan: `${API_ROUTES.presignAvatarUpload.method} ${api(API_ROUTES.presignAvatarUpload)} for a ${options.image.byteLength}-byte image/jpeg; the answer must match the contract`,
      needs: ['sign-in'],
      async run() {
        const route = API_ROUTES.presignAvatarUpload;
        const response = await send(api(route), {
          method: route.method,
          headers: { ...authorized(), 'Content-Type': 'application/json' },
          body: JSON.stringify({ contentType: 'image/jpeg', contentLength: options.image.byteLength }),
        });
        const text = await response.text();
        if (response.status !== 200) throw new CheckFailedError(`${route.method} ${route.path} answered ${response.status}: ${text.slice(0, 160)}`);
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          throw new CheckFailedError(`${route.path} answered 200 with a body that is not JSON`);
        }
        const parsed = z.safeParse(route.response, json);
        if (!parsed.success) throw new CheckFailedError(`${route.path} answer does not match the contract: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
        ticket = parsed.data;
        try {
          upload = parseAvatarUploadKey(ticket.key);
        } catch (error) {
          throw new CheckFailedError(`upload key ${ticket.key} is outside the key layout: ${(error as Error).message}`);
        }
        return pass(`${ticket.method} ${new URL(ticket.url).host} ${ticket.key}, expires ${ticket.expiresAt}`);
      },
    },
    {
      name: 'uploads-cors',
      plan: `OPTIONS the upload URL from ${origin}: the uploads bucket allows the PUT with its signed headers`,
      needs: ['upload-url'],
      async run() {
        // The browser lists the headers it sets itself; it sets Content-Length on its own.
        const requested = Object.keys(theTicket().headers)
          .map((h) => h.toLowerCase())
          .filter((h) => h !== 'content-length');
        const response = await send(theTicket().url, {
          method: 'OPTIONS',
          headers: { Origin: origin, 'Access-Control-Request-Method': theTicket().method, 'Access-Control-Request-Headers': requested.join(',') },
        });
        const allowOrigin = response.headers.get('access-control-allow-origin');
        if (response.status >= 300 || allowOrigin !== origin) {
          const code = s3ErrorCode(await response.text());
          throw new CheckFailedError(`uploads bucket refused the preflight from ${origin}: ${response.status}${code ? ` ${code}` : ''}, Access-Control-Allow-Origin ${allowOrigin ?? 'absent'}`);
        }
        return pass(`${response.status} from ${origin}: ${theTicket().method} with ${requested.join(', ')} allowed`);
      },
    },
    {
      name: 'upload',
      plan: 'PUT the JPEG to the upload URL with exactly the signed headers: 200',
      needs: ['upload-url'],
      async run() {
        const headers = Object.fromEntries(Object.entries(theTicket().headers).filter(([name]) => name.toLowerCase() !== 'content-length'));
        const started = Date.now();
        const response = await send(theTicket().url, { method: theTicket().method, headers: { ...headers, Origin: origin }, body: new Uint8Array(options.image) });
        if (response.status !== 200) {
          const code = s3ErrorCode(await response.text());
          throw new CheckFailedError(`S3 refused the signed ${theTicket().method}: ${response.status}${code ? ` ${code}` : ''}`);
        }
        uploadedAt = Date.now();
        return pass(`${options.image.byteLength} bytes of JPEG with the signed headers (${response.status}, ${seconds(uploadedAt - started)})`);
      },
    },
    {
      name: 'renditions',
      plan: `GET ${target.assetsUrl}/${ASSETS_PREFIX}<sub>/<upload id>/{${DEFAULT_AVATAR_SIZES.join(',')}}.{webp,jpg} until 200 (${seconds(options.deadlineMs)} after the upload), then type and pixel size`,
      needs: ['upload'],
      async run() {
        // Every rendition is polled at once. A 200 that is not yet right counts as not there: the
        // local S3 (s3rver) serves an object before its content type is written; S3 itself is atomic.
        const settled = await Promise.allSettled(
          refs().map(async (ref) => {
            const url = renditionUrl(target.assetsUrl, ref);
            const last = await poll(async () => {
              const response = await send(url, { method: 'GET' });
              const body = Buffer.from(await response.arrayBuffer());
              const problem = response.status === 200 ? await renditionProblem(ref, response, body) : undefined;
              return { done: response.status === 200 && problem === undefined, value: { status: response.status, problem } };
            });
            return { ref, found: last.done, ...last.value };
          }),
        );
        const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
        if (failure) throw failure.reason;
        const answers = settled.map((s) => (s as PromiseFulfilledResult<{ ref: AvatarRenditionRef; found: boolean; status: number; problem?: string }>).value);
        const wrong = answers.find((a) => a.problem !== undefined);
        if (wrong) throw new CheckFailedError(`${wrong.problem} (${seconds(options.deadlineMs)} after the upload)`);
        const missing = answers.filter((a) => !a.found);
        if (missing.length > 0) {
          const statuses = [...new Set(missing.map((a) => a.status))].join(', ');
          throw new CheckFailedError(`${missing.map((a) => renditionFile(a.ref)).join(', ')} not on the CDN ${seconds(options.deadlineMs)} after the upload (last answer ${statuses})`);
        }
        const checked = answers.map((a) => renditionFile(a.ref));
        return pass(`${checked.join(', ')} on the CDN with their types and sizes, ${seconds(Date.now() - uploadedAt)} after the upload`);
      },
    },
    {
      name: 'profile',
      plan: `GET ${api(API_ROUTES.getOwnProfile)} for the handle, then ${target.apiUrl}${API_ROUTES.getProfile.path} until it shows the new avatar with those URLs`,
      needs: ['upload'],
      async run() {
        const own = await send(api(API_ROUTES.getOwnProfile), { method: API_ROUTES.getOwnProfile.method, headers: authorized() });
        const ownBody = z.safeParse(ProfileJsonSchema, await own.json().catch(() => undefined));
        if (own.status !== 200 || !ownBody.success) throw new CheckFailedError(`${API_ROUTES.getOwnProfile.path} answered ${own.status} without a profile`);
        const handle = ownBody.data.handle;
        const url = api(API_ROUTES.getProfile, { handle });
        const last = await poll(async () => {
          const response = await send(url, { method: API_ROUTES.getProfile.method, headers: { Origin: origin } });
          const parsed = z.safeParse(ProfileJsonSchema, await response.json().catch(() => undefined));
          const profile = response.status === 200 && parsed.success ? parsed.data : undefined;
          return { done: profile?.avatar?.version === theUpload().uploadId, value: { status: response.status, profile } };
        });
        const { status, profile } = last.value;
        if (!profile) throw new CheckFailedError(`${API_ROUTES.getProfile.path} for ${handle} answered ${status} without a profile`);
        if (!last.done) {
          throw new CheckFailedError(`@${handle} shows avatar ${profile.avatar?.version ?? 'none'} ${seconds(options.deadlineMs)} after the upload, not ${theUpload().uploadId}`);
        }
        const urls = profile.avatar?.urls ?? {};
        const wrong = refs().filter((ref) => urls[String(ref.size)]?.[ref.format] !== renditionUrl(target.assetsUrl, ref));
        if (wrong.length > 0) throw new CheckFailedError(`@${handle}'s avatar URLs do not point at the CDN renditions (${wrong.map(renditionFile).join(', ')})`);
        return pass(`@${handle} shows avatar ${theUpload().uploadId} with the CDN URLs, ${seconds(Date.now() - uploadedAt)} after the upload`);
      },
    },
    {
      name: 'avatar-subscription',
      plan: target.aws ? `SNS ListSubscriptionsByTopic ${target.aws.avatarProcessedTopicArn}: a Lambda subscription of ${target.aws.profileSubscriberFunctionName}` : 'skipped (AWS mode only)',
      async run() {
        if (!target.aws || !io.probe) return { status: 'skip', reason: 'AWS mode only (the local stack calls the profile subscriber in-process)' };
        const { avatarProcessedTopicArn: topic, profileSubscriberFunctionName: fn } = target.aws;
        const subscriptions = await io.probe.topicSubscriptions(topic).catch((error: unknown) => {
          throw new CheckFailedError(`cannot list the subscriptions of ${topic}: ${(error as Error).message}`);
        });
        const ours = subscriptions.find((s) => s.protocol === 'lambda' && /:function:([^:]+)/.exec(s.endpoint)?.[1] === fn);
        if (!ours) throw new CheckFailedError(`${topic} has no Lambda subscription of ${fn} (${subscriptions.length} other subscription(s)): redeploy the profile stack`);
        if (!ours.subscriptionArn.startsWith('arn:')) throw new CheckFailedError(`the subscription of ${fn} is ${ours.subscriptionArn || 'not confirmed'}`);
        return pass(`${topic.slice(topic.lastIndexOf(':') + 1)} delivers to ${fn}`);
      },
    },
    {
      name: 'thumbnail-dlq',
      plan: target.aws ? `SQS GetQueueAttributes ${target.aws.thumbnailDeadLetterQueueUrl}: warn when failed uploads are parked` : 'skipped (AWS mode only)',
      async run() {
        if (!target.aws || !io.probe) return { status: 'skip', reason: 'AWS mode only' };
        const queue = target.aws.thumbnailDeadLetterQueueUrl;
        const depth = await io.probe.queueDepth(queue).catch((error: unknown) => {
          throw new CheckFailedError(`cannot read ${queue}: ${(error as Error).message}`);
        });
        const parked = depth.visible + depth.inFlight;
        if (parked === 0) return pass('empty');
        return {
          status: 'warn',
          reason: `${parked} failed upload(s) parked: npx tsx tools/redrive/src/main.ts --stage ${target.aws.stage} --dry-run lists them`,
        };
      },
    },
    {
      name: 'cleanup',
      plan: avatarDeleteRoute() ? `${avatarDeleteRoute()?.method} ${target.apiUrl}${avatarDeleteRoute()?.path}` : 'nothing: the API has no route to delete an avatar',
      needs: ['profile'],
      async run() {
        const route = avatarDeleteRoute();
        if (!route) return { status: 'skip', reason: 'the API has no route to delete an avatar: the test user keeps the smoke avatar' };
        const response = await send(api(route), { method: route.method, headers: authorized() });
        if (response.status >= 300) throw new CheckFailedError(`${route.method} ${route.path} answered ${response.status}`);
        return pass(`${route.method} ${route.path}: ${response.status}`);
      },
    },
  ];

  return steps;
}

/**
 * What each check would do against a target, without sending anything (`--dry-run`).
 *
 * @example
 * for (const { name, plan } of planSmoke(target, options)) console.log(name, plan);
 */
export function planSmoke(target: SmokeTarget, options: SmokeOptions): { name: CheckName; plan: string }[] {
  const nothing = () => Promise.reject(new Error('a dry run sends nothing'));
  return buildSteps(target, options, { fetch: nothing }).map(({ name, plan }) => ({ name, plan }));
}

/**
 * Runs every check against a target, one after another, reporting each line as it is known. A
 * check whose prerequisite failed is skipped with the reason; AWS-only checks are skipped locally.
 *
 * @example
 * const results = await runSmoke(targetFromStackFile('.local/stack.json'), { origin, user, deadlineMs: 30_000, image }, { fetch, report: (r) => console.log(formatResult(r)) });
 */
export async function runSmoke(target: SmokeTarget, options: SmokeOptions, io: SmokeIo): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const ok = new Set<CheckName>();
  for (const step of buildSteps(target, options, io)) {
    const blocker = step.needs?.find((name) => !ok.has(name));
    let result: CheckResult;
    if (blocker) {
      result = { name: step.name, status: 'skip', reason: `needs ${blocker}` };
    } else {
      try {
        result = { name: step.name, ...(await step.run()) };
      } catch (error) {
        result = { name: step.name, status: 'FAIL', reason: error instanceof Error ? error.message : String(error) };
      }
    }
    if (result.status === 'pass' || result.status === 'warn') ok.add(step.name);
    results.push(result);
    io.report(result);
  }
  return results;
}
