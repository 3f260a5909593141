import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { API_ROUTES } from '@cruddur/shared/contract';
import { WORKSPACE_ROOT } from './paths';

/** What the load needs from a running stack's stack.json. */
export interface StackEndpoints {
  pid: number;
  apiUrl: string;
  webUrl: string;
  cognito: { endpoint: string; clientId: string };
  demoUsers: { username: string; password: string; sub: string }[];
}

export interface LocalLoadOptions {
  /** Concurrent `POST /avatars/key_upload` requests. */
  urlRequests: number;
  /** Concurrent presign + PUT of a photo, spread over the demo users. */
  uploads: number;
  /** The photo every upload sends. */
  photo: Buffer;
  /** How long to wait for every upload to be processed and every profile to show its newest. */
  settleTimeoutMs: number;
  /** How many uploads the stack has processed so far (e.g. counted in its log). */
  processed: () => number;
}

export interface LocalLoadResult {
  urlRequests: { count: number; failed: number; p50Ms: number; p95Ms: number; maxMs: number };
  uploads: { count: number; failed: number; putP50Ms: number; putMaxMs: number; allOnNewestAfterMs: number; allProcessedAfterMs: number; processed: number };
  /** Per user: the version the profile ended on, and the newest one uploaded. */
  profiles: { username: string; version: string | undefined; newest: string }[];
}

/** The local stack (`apps/local-stack/src/main.ts`) as its own process on free ports, as `npm start` runs it. */
export async function spawnLocalStack(dataDir: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; stack: StackEndpoints; output: () => string; stop: () => Promise<void> }> {
  let output = '';
  const ports = Object.fromEntries(['WEB', 'API', 'S3', 'COGNITO', 'ASSETS', 'LAMBDA'].map((name) => [`LOCAL_${name}_PORT`, '0']));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(WORKSPACE_ROOT, 'apps/local-stack/src/main.ts'), '--data-dir', dataDir, '--no-build', '--handler-log-level', 'WARN'], {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, ...ports, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const file = path.join(dataDir, 'stack.json');
  const deadline = Date.now() + 180_000;
  let stack: StackEndpoints | undefined;
  while (!stack) {
    if (child.exitCode !== null) throw new Error(`the local stack exited (${child.exitCode}): ${output}`);
    if (Date.now() > deadline) throw new Error(`the local stack did not start: ${output}`);
    if (existsSync(file)) {
      const content = JSON.parse(readFileSync(file, 'utf8')) as StackEndpoints;
      if (content.pid === child.pid) stack = content;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { child, stack, output: () => output, stop };
}

async function signIn(stack: StackEndpoints, user: { username: string; password: string }): Promise<string> {
  const response = await fetch(stack.cognito.endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
    body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: stack.cognito.clientId, AuthParameters: { USERNAME: user.username, PASSWORD: user.password } }),
  });
  const body = (await response.json()) as { AuthenticationResult?: { AccessToken: string } };
  if (!body.AuthenticationResult) throw new Error(`sign-in of ${user.username} failed: ${response.status}`);
  return body.AuthenticationResult.AccessToken;
}

async function uploadUrl(stack: StackEndpoints, token: string, size: number): Promise<{ url: string; key: string; headers: Record<string, string> }> {
  const response = await fetch(`${stack.apiUrl}${API_ROUTES.presignAvatarUpload.path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Origin: stack.webUrl },
    body: JSON.stringify({ contentType: 'image/jpeg', contentLength: size }),
  });
  if (response.status !== 200) throw new Error(`presign answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as { url: string; key: string; headers: Record<string, string> };
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value?: T; error?: unknown }> {
  const started = performance.now();
  try {
    const value = await work();
    return { ms: performance.now() - started, value };
  } catch (error) {
    return { ms: performance.now() - started, error };
  }
}

/** The nearest-rank quantile of sorted values. */
function quantile(sorted: readonly number[], q: number): number {
  return sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0);
}

const versionOf = (key: string) => key.split('/').at(-1)?.replace(/\.[a-z]+$/, '') ?? '';

/**
 * Issue 13's load on a running local stack: `urlRequests` concurrent upload-URL requests, then
 * `uploads` concurrent uploads of `photo` spread over the demo users; waits until every profile
 * shows its newest upload (or the timeout) and reports latencies and where each profile ended.
 *
 * @example
 * const result = await runLocalLoad(stack, { urlRequests: 50, uploads: 20, photo, settleTimeoutMs: 600_000 });
 */
export async function runLocalLoad(stack: StackEndpoints, options: LocalLoadOptions): Promise<LocalLoadResult> {
  const users = await Promise.all(stack.demoUsers.map(async (user) => ({ ...user, token: await signIn(stack, user) })));
  if (users.length === 0) throw new Error('the stack has no demo users to sign in');
  const userFor = (i: number) => users[i % users.length] as (typeof users)[number];

  const urls = await Promise.all(Array.from({ length: options.urlRequests }, (_, i) => timed(() => uploadUrl(stack, userFor(i).token, options.photo.byteLength))));
  const urlMs = urls.map((u) => u.ms).sort((a, b) => a - b);

  const started = performance.now();
  const uploads = await Promise.all(
    Array.from({ length: options.uploads }, (_, i) =>
      timed(async () => {
        const user = userFor(i);
        const ticket = await uploadUrl(stack, user.token, options.photo.byteLength);
        const put = await fetch(ticket.url, { method: 'PUT', headers: { 'Content-Type': ticket.headers['Content-Type'] ?? 'image/jpeg' }, body: options.photo });
        if (put.status !== 200) throw new Error(`PUT answered ${put.status}`);
        return { username: user.username, version: versionOf(ticket.key) };
      }),
    ),
  );
  const newest = new Map<string, string>();
  for (const upload of uploads) {
    if (!upload.value) continue;
    const current = newest.get(upload.value.username);
    if (current === undefined || upload.value.version > current) newest.set(upload.value.username, upload.value.version);
  }
  const profiles = async () =>
    Promise.all(
      [...newest].map(async ([username, version]) => {
        const answer = (await (await fetch(`${stack.apiUrl}${API_ROUTES.getProfile.path.replace('{handle}', username)}`)).json()) as { avatar: { version: string } | null };
        return { username, version: answer.avatar?.version, newest: version };
      }),
    );
  const deadline = Date.now() + options.settleTimeoutMs;
  const succeeded = uploads.filter((u) => u.value).length;
  let ended = await profiles();
  let allOnNewestAfterMs = Number.NaN;
  let allProcessedAfterMs = Number.NaN;
  for (;;) {
    if (Number.isNaN(allOnNewestAfterMs) && ended.every((p) => p.version === p.newest)) allOnNewestAfterMs = performance.now() - started;
    if (Number.isNaN(allProcessedAfterMs) && options.processed() >= succeeded) allProcessedAfterMs = performance.now() - started;
    if ((!Number.isNaN(allOnNewestAfterMs) && !Number.isNaN(allProcessedAfterMs)) || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
    ended = await profiles();
  }
  const putMs = uploads.map((u) => u.ms).sort((a, b) => a - b);
  return {
    urlRequests: { count: urls.length, failed: urls.filter((u) => u.error).length, p50Ms: quantile(urlMs, 0.5), p95Ms: quantile(urlMs, 0.95), maxMs: urlMs.at(-1) ?? 0 },
    uploads: { count: uploads.length, failed: uploads.filter((u) => u.error).length, putP50Ms: quantile(putMs, 0.5), putMaxMs: putMs.at(-1) ?? 0, allOnNewestAfterMs, allProcessedAfterMs, processed: options.processed() },
    profiles: ended,
  };
}

/**
 * The lines of a stack's output that report a problem: a failed or parked invocation, a refused
 * S3 request, or a handler's ERROR log.
 *
 * @example
 * expect(problemLines(stack.output())).toEqual([]);
 */
/**
 * How many uploads a stack's output reports processed (the thumbnail's `done` lines).
 *
 * @example
 * processedUploads(stack.output()); // 4
 */
export function processedUploads(output: string): number {
  return output.match(/^thumbnail: s3:\/\/\S+ done in /gm)?.length ?? 0;
}

export function problemLines(output: string): string[] {
  return output.split('\n').filter((line) => / failed \(attempt |parked in the dead-letter|s3: refused|s3: no event|"level":"ERROR"|^error/.test(line));
}
