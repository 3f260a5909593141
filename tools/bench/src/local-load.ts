import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROCESSING_PHASES, type ProcessingPhases } from '@cruddur/avatars/processing';
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
  /** `performance.now()` when the uploads started. */
  startedAt: number;
  urlRequests: { count: number; failed: number; p50Ms: number; p95Ms: number; maxMs: number };
  uploads: { count: number; failed: number; putP50Ms: number; putMaxMs: number; allOnNewestAfterMs: number; allProcessedAfterMs: number; processed: number };
  /** Per user: the version the profile ended on, and the newest one uploaded. */
  profiles: { username: string; version: string | undefined; newest: string }[];
}

/** The local stack (`apps/local-stack/src/main.ts`) as its own process on free ports, as `npm start` runs it. */
export async function spawnLocalStack(
  dataDir: string,
  options: {
    env?: Record<string, string>;
    /** Extra `node` flags, e.g. `--cpu-prof` to see where the stack's main thread spends its time. */
    nodeArgs?: readonly string[];
    /** The handlers' log level (default WARN); INFO adds the thumbnail's "avatar processed" lines with their phases. */
    handlerLogLevel?: 'INFO' | 'WARN';
  } = {},
): Promise<{ child: ChildProcess; stack: StackEndpoints; output: () => string; lines: () => readonly StackLine[]; stop: () => Promise<void> }> {
  let output = '';
  const lines: StackLine[] = [];
  let partial = '';
  // Each complete line with the time it arrived here: the pieces of upload → visible are read from them.
  const record = (chunk: Buffer) => {
    const at = performance.now();
    const text = partial + chunk.toString();
    const parts = text.split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) lines.push({ at, text: line });
  };
  const ports = Object.fromEntries(['WEB', 'API', 'S3', 'COGNITO', 'ASSETS', 'LAMBDA'].map((name) => [`LOCAL_${name}_PORT`, '0']));
  const { env = {}, nodeArgs = [], handlerLogLevel = 'WARN' } = options;
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(WORKSPACE_ROOT, 'apps/local-stack/src/main.ts'), '--data-dir', dataDir, '--no-build', '--handler-log-level', handlerLogLevel], {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, ...ports, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    record(chunk);
  });
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = (signal: NodeJS.Signals = 'SIGTERM') =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  const file = path.join(dataDir, 'stack.json');
  const deadline = Date.now() + 180_000;
  let stack: StackEndpoints | undefined;
  try {
    while (!stack) {
      if (child.exitCode !== null) throw new Error(`the local stack exited (${child.exitCode}): ${output}`);
      if (Date.now() > deadline) throw new Error(`the local stack did not start: ${output}`);
      if (existsSync(file)) {
        const content = JSON.parse(readFileSync(file, 'utf8')) as StackEndpoints;
        if (content.pid === child.pid) stack = content;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } catch (error) {
    // A start that failed must not leave the stack running: the caller has nothing to stop, and a
    // live child keeps the test runner (and CI) waiting for ever.
    await stop('SIGKILL');
    throw error;
  }
  return { child, stack, output: () => output, lines: () => lines, stop: () => stop() };
}

/** A line of the stack's standard output and when (`performance.now()`) it arrived. */
export interface StackLine {
  at: number;
  text: string;
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

/**
 * The nearest-rank quantile of sorted values.
 *
 * @example
 * quantile([1, 2, 3, 4], 0.5); // 2
 */
export function quantile(sorted: readonly number[], q: number): number {
  return sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0);
}

const versionOf = (key: string) => key.split('/').at(-1)?.replace(/\.[a-z]+$/, '') ?? '';

/**
 * The concurrent load on a running local stack: `urlRequests` concurrent upload-URL requests, then
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
    // Each poll is API and database work in the stack's process: often enough, no more.
    await new Promise((resolve) => setTimeout(resolve, 200));
    ended = await profiles();
  }
  const putMs = uploads.map((u) => u.ms).sort((a, b) => a - b);
  return {
    startedAt: started,
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

/** One upload, start of the PUT to every rendition fetchable from the CDN route, and its pieces (ms). */
export interface VisibleUpload {
  putMs: number;
  visibleMs: number;
  /** PUT answered → the thumbnail invocation started (S3 front's event, the journal, the invoker's queue). */
  dispatchMs: number;
  /** The thumbnail invocation, as the invoker timed it: GET, decode, encodes, PUTs, the announcement, the delete. */
  thumbnailMs: number;
  /** Thumbnail done → the profile API first answers the new version (the message journaled, dispatched, recorded). */
  profileRecordedMs: number;
  /** The profile answers the new version → every rendition URL it names answers 200 here. */
  fetchableMs: number;
  /** The profile subscriber's whole invocation (recording, then pruning superseded renditions), as the invoker timed it. */
  subscriberMs: number;
  /** The thumbnail's own pieces (its "avatar processed" log line), when the stack logs at INFO. */
  phases?: ProcessingPhases;
}

/**
 * The `phasesMs` of the thumbnail's "avatar processed" log line for the upload `version`, if the
 * stack printed one (its handlers log at INFO).
 *
 * @example
 * processingPhases(lines, '0f8c…'); // { get: 12.1, decode: 48.3, …, total: 151.0 }
 */
export function processingPhases(lines: readonly StackLine[], version: string): ProcessingPhases | undefined {
  for (const line of lines) {
    if (!line.text.includes('"avatar processed"') || !line.text.includes(version)) continue;
    try {
      const entry = JSON.parse(line.text.slice(line.text.indexOf('{'))) as { message?: string; version?: string; phasesMs?: Record<string, unknown> };
      const phases = entry.phasesMs;
      if (entry.message !== 'avatar processed' || entry.version !== version || !phases) continue;
      if (PROCESSING_PHASES.every((name) => typeof phases[name] === 'number')) return phases as ProcessingPhases;
    } catch {
      // Not a JSON log line after all.
    }
  }
  return undefined;
}

/**
 * The invoker's `done in N ms` line for a `what` containing `needle`: when it ended (as it
 * arrived here) and how long the invocation took.
 *
 * @example
 * invocationDone(lines, 'thumbnail', '0f8c…'); // { endedAt: 1234.5, ms: 310 }
 */
export function invocationDone(lines: readonly StackLine[], fn: string, needle: string): { endedAt: number; ms: number } | undefined {
  for (const line of lines) {
    if (!line.text.startsWith(`${fn}: `) || !line.text.includes(needle)) continue;
    const match = / done in (\d+) ms/.exec(line.text);
    if (match) return { endedAt: line.at, ms: Number(match[1]) };
  }
  return undefined;
}

/**
 * Upload → visible: `uploads` uploads of `photo` one after another by one demo user;
 * each timed from the start of its PUT until the profile shows it and every rendition URL answers
 * 200 from the CDN route, split into pieces from the stack's own log lines.
 *
 * @example
 * const timings = await runUploadToVisible(stack, { photo, uploads: 10, lines: running.lines, timeoutMs: 60_000 });
 */
export async function runUploadToVisible(
  stack: StackEndpoints,
  options: { photo: Buffer; uploads: number; lines: () => readonly StackLine[]; timeoutMs: number },
): Promise<VisibleUpload[]> {
  const user = stack.demoUsers[0];
  if (!user) throw new Error('the stack has no demo users to sign in');
  const token = await signIn(stack, user);
  const profileUrl = `${stack.apiUrl}${API_ROUTES.getProfile.path.replace('{handle}', user.username)}`;
  const results: VisibleUpload[] = [];
  for (let i = 0; i < options.uploads; i += 1) {
    const ticket = await uploadUrl(stack, token, options.photo.byteLength);
    const version = versionOf(ticket.key);
    const started = performance.now();
    const put = await fetch(ticket.url, { method: 'PUT', headers: { 'Content-Type': ticket.headers['Content-Type'] ?? 'image/jpeg' }, body: options.photo });
    await put.arrayBuffer();
    if (put.status !== 200) throw new Error(`PUT answered ${put.status}`);
    const putEnded = performance.now();
    const deadline = Date.now() + options.timeoutMs;
    // Polling the API costs the stack's process CPU, so first wait (here, for free) for the thumbnail's
    // log line; then poll. Not the subscriber's done line: after recording the avatar it prunes the
    // superseded renditions (S3 list + delete), which no user waits for.
    while (!invocationDone(options.lines(), 'thumbnail', version)) {
      if (Date.now() > deadline) throw new Error(`upload ${version} not processed after ${options.timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    let fetchable = false;
    let recordedAt: number | undefined;
    while (!fetchable) {
      if (Date.now() > deadline) throw new Error(`upload ${version} not visible after ${options.timeoutMs} ms`);
      const answer = (await (await fetch(profileUrl)).json()) as { avatar: { version: string; urls: Record<string, Record<string, string>> } | null };
      if (answer.avatar?.version === version) {
        recordedAt ??= performance.now();
        const urls = Object.values(answer.avatar.urls).flatMap((formats) => Object.values(formats));
        const statuses = await Promise.all(urls.map(async (url) => (await fetch(url)).status));
        fetchable = urls.length > 0 && statuses.every((status) => status === 200);
      }
      if (!fetchable) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const visibleAt = performance.now();
    // The invoker logs after the work; give its lines a moment to arrive through the pipe.
    let thumbnail = invocationDone(options.lines(), 'thumbnail', version);
    let subscriber = invocationDone(options.lines(), 'avatarProcessed', version);
    for (let wait = 0; (!thumbnail || !subscriber) && wait < 100; wait += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      thumbnail = invocationDone(options.lines(), 'thumbnail', version);
      subscriber = invocationDone(options.lines(), 'avatarProcessed', version);
    }
    if (!thumbnail || !subscriber) throw new Error(`no invoker lines for upload ${version}`);
    const thumbnailStarted = thumbnail.endedAt - thumbnail.ms;
    const phases = processingPhases(options.lines(), version);
    results.push({
      putMs: putEnded - started,
      visibleMs: visibleAt - started,
      dispatchMs: thumbnailStarted - putEnded,
      thumbnailMs: thumbnail.ms,
      profileRecordedMs: (recordedAt ?? visibleAt) - thumbnail.endedAt,
      fetchableMs: visibleAt - (recordedAt ?? visibleAt),
      subscriberMs: subscriber.ms,
      ...(phases ? { phases } : {}),
    });
  }
  return results;
}

/**
 * When (ms after `since`) each invocation of `fn` ended, in order, from the invoker's done lines.
 *
 * @example
 * doneTimes(running.lines(), 'thumbnail', result.startedAt); // [812, 1230, …]
 */
export function doneTimes(lines: readonly StackLine[], fn: string, since: number): number[] {
  return lines.filter((line) => line.at >= since && line.text.startsWith(`${fn}: `) && / done in \d+ ms/.test(line.text)).map((line) => line.at - since);
}
