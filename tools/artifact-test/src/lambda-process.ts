import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { ArtifactInitError, ArtifactMissingError, InvocationError } from './errors';
import type { LambdaNodeRuntime } from './runtimes';

/** What the child reported about the Node it runs on. */
interface RuntimeReport {
  version: string;
  arch: string;
  platform: string;
  glibc: string;
}

export interface StartArtifactOptions {
  /** The folder infra packages as the function's code: `dist/apps/<fn>` with its `index.js`. */
  artifactDir: string;
  runtime: LambdaNodeRuntime;
  functionName: string;
  /** The function's own environment (what its stack sets, pointed at local parts). */
  env?: Readonly<Record<string, string>>;
  region?: string;
  memorySizeMb?: number;
}

/** One cold-started function: its module loaded once, invoked as often as asked. */
export interface ArtifactFunction {
  runtime: RuntimeReport;
  /** The functions `index.js` exports: what a Lambda's `handler: index.<name>` can name. */
  handlers: string[];
  /** Calls `index.<handler>(event, context)` and resolves with what it returned. */
  invoke<T = unknown>(handler: string, event: unknown): Promise<T>;
  /** Everything the function logged so far (stdout and stderr). */
  logs(): string;
  close(): Promise<void>;
}

type Answer =
  | { type: 'ready'; runtime: RuntimeReport; handlers: string[] }
  | { type: 'init-error'; error: { name: string; message: string } }
  | { type: 'result'; id: number; result: unknown }
  | { type: 'error'; id: number; error: { name: string; message: string } };

const RUNTIME_LOOP = path.join(__dirname, 'runtime-loop.cjs');
const MAX_LOG_CHARS = 200_000;

/** The environment Lambda's Node.js runtime gives every function (less the credentials' session token). */
function lambdaEnvironment(options: StartArtifactOptions, taskRoot: string, runtimeDir: string): NodeJS.ProcessEnv {
  const region = options.region ?? 'us-east-1';
  return {
    PATH: '/usr/local/bin:/usr/bin:/bin',
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    LAMBDA_TASK_ROOT: taskRoot,
    LAMBDA_RUNTIME_DIR: runtimeDir,
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    AWS_LAMBDA_FUNCTION_NAME: options.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(options.memorySizeMb ?? 512),
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    // The AvatarFunction construct sets these two on every function.
    NODE_OPTIONS: '--enable-source-maps',
    POWERTOOLS_LOG_LEVEL: 'WARN',
    ...options.env,
  };
}

/** A stream spawned as `'pipe'`, which Node's types still call nullable. */
function piped<T>(stream: T | null | undefined): T {
  if (!stream) throw new ArtifactInitError('the child process has no pipe where one was asked for');
  return stream;
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Cold-starts a built function artifact the way Lambda does: its folder copied alone into a task
 * root outside the repo (so nothing resolves from the workspace's node_modules), its `index.js`
 * loaded once by a Node 22 child process of the given runtime (linux-arm64 under QEMU, or
 * linux-x64), then invoked with real events. Rejects with `ArtifactInitError` when the module
 * does not load, like Lambda's init phase.
 *
 * @example
 * const fn = await startArtifact({ artifactDir: 'dist/apps/authorizer', runtime: lambdaNodeRuntime('arm64'), functionName: 'authorizer', env });
 * const answer = await fn.invoke('handler', authorizerEvent({ headers: { authorization: `Bearer ${token}` } }));
 * await fn.close();
 */
export async function startArtifact(options: StartArtifactOptions): Promise<ArtifactFunction> {
  if (!existsSync(path.join(options.artifactDir, 'index.js'))) {
    throw new ArtifactMissingError(
      `${options.artifactDir}/index.js is missing: run \`npx nx build ${path.basename(options.artifactDir)}\``,
    );
  }
  const sandbox = mkdtempSync(path.join(tmpdir(), `lambda-${options.functionName}-`));
  const taskRoot = path.join(sandbox, 'task');
  const runtimeDir = path.join(sandbox, 'runtime');
  cpSync(options.artifactDir, taskRoot, { recursive: true });
  mkdirSync(runtimeDir);
  cpSync(RUNTIME_LOOP, path.join(runtimeDir, 'runtime-loop.cjs'));

  const child = spawn(options.runtime.command, [...options.runtime.prefixArgs, path.join(runtimeDir, 'runtime-loop.cjs')], {
    cwd: taskRoot,
    env: lambdaEnvironment(options, taskRoot, runtimeDir),
    stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
  });
  let logs = '';
  const collect = (chunk: Buffer) => {
    if (logs.length < MAX_LOG_CHARS) logs += chunk.toString('utf8');
  };
  const stdin = piped(child.stdin);
  piped(child.stdout).on('data', collect);
  piped(child.stderr).on('data', collect);
  const exited = waitForExit(child);

  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let ready: ((report: { runtime: RuntimeReport; handlers: string[] }) => void) | undefined;
  let failed: ((error: Error) => void) | undefined;
  const started = new Promise<{ runtime: RuntimeReport; handlers: string[] }>((resolve, reject) => {
    ready = resolve;
    failed = reject;
  });

  createInterface({ input: piped(child.stdio[3] as Readable | null) }).on('line', (line) => {
    const answer = JSON.parse(line) as Answer;
    if (answer.type === 'ready') ready?.({ runtime: answer.runtime, handlers: answer.handlers });
    else if (answer.type === 'init-error') failed?.(new ArtifactInitError(`${answer.error.name}: ${answer.error.message}`));
    else {
      const call = pending.get(answer.id);
      pending.delete(answer.id);
      if (answer.type === 'result') call?.resolve(answer.result);
      else call?.reject(new InvocationError(`${answer.error.name}: ${answer.error.message}`, answer.error.name));
    }
  });
  void exited.then(() => {
    const gone = new ArtifactInitError(
      `the ${options.runtime.name} process exited (code ${child.exitCode}, signal ${child.signalCode}); its output:\n${logs}`,
    );
    failed?.(gone);
    for (const call of pending.values()) call.reject(gone);
    pending.clear();
  });
  child.on('error', (error) => failed?.(new ArtifactInitError(`could not start ${options.runtime.command}`, { cause: error })));

  const close = async () => {
    stdin.end();
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(sandbox, { recursive: true, force: true });
  };

  let report: { runtime: RuntimeReport; handlers: string[] };
  try {
    report = await started;
  } catch (error) {
    await close();
    throw error;
  }
  return {
    ...report,
    invoke: <T>(handler: string, event: unknown) =>
      new Promise<T>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        stdin.write(`${JSON.stringify({ id, handler, event })}\n`);
      }),
    logs: () => logs,
    close,
  };
}
