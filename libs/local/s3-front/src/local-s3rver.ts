import { lstatSync, mkdirSync, mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';

export interface LocalS3rver {
  /** The Unix socket (a named pipe on Windows) s3rver answers on: only the S3 front talks to it. */
  socketPath: string;
  close(): Promise<void>;
}

// sockaddr_un holds about 104-108 bytes, depending on the OS.
const MAX_SOCKET_PATH = 100;

/** Where the store's socket goes: beside its folder, else (a long path) in a private temp folder. */
function socketPathFor(directory: string): { socketPath: string; cleanup: () => void } {
  if (process.platform === 'win32') {
    return { socketPath: `\\\\.\\pipe\\cruddur-s3rver-${process.pid}-${randomBytes(6).toString('hex')}`, cleanup: () => undefined };
  }
  const beside = `${directory}.sock`;
  if (Buffer.byteLength(beside) <= MAX_SOCKET_PATH) return { socketPath: beside, cleanup: () => rmSync(beside, { force: true }) };
  const folder = mkdtempSync(path.join(tmpdir(), 'cruddur-s3rver-'));
  return { socketPath: path.join(folder, 's3rver.sock'), cleanup: () => rmSync(folder, { recursive: true, force: true }) };
}

/** A socket file left by a killed run; anything else at that path is not ours to delete. */
function removeStaleSocket(socketPath: string): void {
  try {
    if (lstatSync(socketPath).isSocket()) unlinkSync(socketPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

// Plain JavaScript, run by a worker thread with no TypeScript loader (the stack runs under tsx, tests under jest).
const S3RVER_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const { chmodSync } = require('node:fs');
const { createServer } = require('node:http');
const S3rver = require(workerData.s3rverModule);
(async () => {
  const store = new S3rver({ silent: true, directory: workerData.directory, configureBuckets: workerData.buckets.map((name) => ({ name, configs: [] })) });
  await store.configureBuckets();
  const server = createServer(store.callback());
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(workerData.socketPath, resolve);
  });
  if (process.platform !== 'win32') chmodSync(workerData.socketPath, 0o600);
  parentPort.on('message', (message) => {
    if (message !== 'close') return;
    server.close(() => parentPort.postMessage({ closed: true }));
    server.closeAllConnections();
  });
  parentPort.postMessage({ listening: true });
})().catch((error) => parentPort.postMessage({ error: String(error && error.stack ? error.stack : error) }));
`;

/**
 * s3rver with the given buckets, storing objects under `directory` (kept across restarts). It
 * checks neither signatures nor expiry, so it listens on no TCP port at all: only on a Unix
 * socket beside `directory` (mode 0600: this user only), which the S3 front connects to. It runs
 * on its own thread: its request handling (hashing, file I/O, XML) then overlaps the handlers' and
 * the S3 front's work on the main thread instead of queueing behind it.
 *
 * @example
 * const store = await startS3rver('.local/s3', ['cruddur-uploads-local']);
 * const front = createS3Front({ upstream: { socketPath: store.socketPath }, ... });
 */
export async function startS3rver(directory: string, buckets: readonly string[]): Promise<LocalS3rver> {
  mkdirSync(directory, { recursive: true });
  const { socketPath, cleanup } = socketPathFor(directory);
  removeStaleSocket(socketPath);
  const thread = new Worker(S3RVER_THREAD, {
    eval: true,
    workerData: { directory, buckets: [...buckets], socketPath, s3rverModule: require.resolve('s3rver') },
  });
  const next = () =>
    new Promise<{ listening?: true; closed?: true; error?: string }>((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      thread.once('error', onError);
      thread.once('message', (message: { listening?: true; closed?: true; error?: string }) => {
        thread.off('error', onError);
        resolve(message);
      });
    });
  const started = await next();
  if (!started.listening) {
    await thread.terminate();
    cleanup();
    throw new Error(`s3rver did not start: ${started.error ?? 'no answer'}`);
  }
  // A crash after the start shows as failed requests in the S3 front's log, not as an unhandled 'error' event.
  thread.on('error', () => undefined);
  let closing: Promise<void> | undefined;
  return {
    socketPath,
    close: () =>
      (closing ??= (async () => {
        const closed = next();
        thread.postMessage('close');
        await closed.catch(() => undefined);
        await thread.terminate();
        cleanup();
      })()),
  };
}
