import { chmodSync, lstatSync, mkdirSync, mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import S3rver from 's3rver';

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

/**
 * s3rver with the given buckets, storing objects under `directory` (kept across restarts). It
 * checks neither signatures nor expiry, so it listens on no TCP port at all: only on a Unix
 * socket beside `directory` (mode 0600: this user only), which the S3 front connects to.
 *
 * @example
 * const store = await startS3rver('.local/s3', ['cruddur-uploads-local']);
 * const front = createS3Front({ upstream: { socketPath: store.socketPath }, ... });
 */
export async function startS3rver(directory: string, buckets: readonly string[]): Promise<LocalS3rver> {
  mkdirSync(directory, { recursive: true });
  const store = new S3rver({
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name, configs: [] })),
  });
  await store.configureBuckets();
  const { socketPath, cleanup } = socketPathFor(directory);
  removeStaleSocket(socketPath);
  const server = createServer(store.callback());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolve();
    });
  });
  if (process.platform !== 'win32') chmodSync(socketPath, 0o600);
  return {
    socketPath,
    close: async () => {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      cleanup();
    },
  };
}
