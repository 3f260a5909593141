import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LAMBDA_RUNNER, WORKSPACE_ROOT } from './paths';

/** The argument that turns `main` into a worker: `main __worker <name> [args...]`. */
export const WORKER_FLAG = '__worker';

/** Environment every child gets: quiet SDK, host sharp reachable from `dist/apps/thumbnail`. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    // The Lambdas run Node 22; this machine may run 20, and the SDK's notice about that is noise.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    // dist/apps/thumbnail/node_modules holds linux-arm64 sharp for Lambda; its loader finds this
    // machine's binary (@img/sharp-<host>) here, at the same version.
    NODE_PATH: path.join(WORKSPACE_ROOT, 'node_modules'),
    ...extra,
  };
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

/** A long-lived child process that runs commands sent over IPC (one at a time, in order). */
export class Worker {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  private constructor(private readonly child: ChildProcess, readonly name: string) {
    child.on('message', (reply: Reply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (reply.ok) waiting.resolve(reply.value);
      else waiting.reject(new Error(`${name} worker: ${reply.error}`));
    });
    child.on('exit', (code, signal) => {
      for (const waiting of this.pending.values()) {
        waiting.reject(new Error(`${name} worker exited (${signal ?? code}) before answering`));
      }
      this.pending.clear();
    });
  }

  /** Starts `main __worker <name> ...args` with this process's loader flags (tsx from source). */
  static start(name: string, args: string[], env: NodeJS.ProcessEnv): Worker {
    const main = process.argv[1];
    if (!main) throw new Error('cannot tell which script to start workers from');
    const child = fork(main, [WORKER_FLAG, name, ...args], {
      cwd: WORKSPACE_ROOT,
      env,
      execArgv: process.execArgv,
      // Handler logs go to stdout as in Lambda; nobody reads them here.
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    return new Worker(child, name);
  }

  call<T>(command: string, args: unknown = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child.send({ id, command, args });
    });
  }

  close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill();
    });
  }
}

export type WorkerCommands = Record<string, (args: never) => Promise<unknown>>;

/** The worker side: answers each command message with its handler's result or error. */
export function serveWorker(commands: WorkerCommands): void {
  let queue = Promise.resolve();
  process.on('message', (message: { id: number; command: string; args: never }) => {
    queue = queue.then(async () => {
      const run = commands[message.command];
      try {
        if (!run) throw new Error(`unknown command ${message.command}`);
        process.send?.({ id: message.id, ok: true, value: await run(message.args) });
      } catch (error) {
        const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
        process.send?.({ id: message.id, ok: false, error: text });
      }
    });
  });
  process.on('disconnect', () => process.exit(0));
}

/** What `lambda-runner.cjs` reports. */
export interface RunnerReport {
  bootMs: number;
  loadMs: number;
  callMs: number;
  result?: unknown;
  rssAfterLoadKb?: number;
  peakRssKb?: number;
  maxRssKb?: number;
}

export interface RunnerSpec {
  bundle?: string;
  event?: unknown;
  context?: Record<string, unknown>;
  jwks?: unknown;
  /** What the context's `getRemainingTimeInMillis()` answers (default 30 000). */
  remainingMs?: number;
  /** An image file: load sharp instead of a bundle and render it bare (the thumbnail's cold-start floor). */
  bareSharp?: string;
}

/**
 * Runs `lambda-runner.cjs` in a fresh `node` and returns its report with the wall time from
 * spawn to exit, as the parent saw it.
 */
export async function runLambdaRunner(
  spec: RunnerSpec,
  env: NodeJS.ProcessEnv,
): Promise<RunnerReport & { wallMs: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-runner-'));
  const specFile = path.join(dir, 'spec.json');
  writeFileSync(specFile, JSON.stringify(spec));
  try {
    let stdout = '';
    let stderr = '';
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [LAMBDA_RUNNER, specFile], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    const line = stdout.split('\n').find((l) => l.startsWith('@@bench '));
    if (code !== 0 || !line) {
      throw new Error(`lambda runner failed (exit ${code}) for ${spec.bundle ?? spec.bareSharp ?? 'the floor'}:\n${stderr}${stdout}`);
    }
    return { ...(JSON.parse(line.slice('@@bench '.length)) as RunnerReport), wallMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
