import { mkdirSync } from 'node:fs';
import S3rver from 's3rver';

// Loopback only: the front is the one client, and the store checks no credentials.
const LOOPBACK = '127.0.0.1';

export interface LocalS3rver {
  /** Where s3rver listens: only the S3 front talks to it. */
  url: string;
  host: string;
  port: number;
  close(): Promise<void>;
}

/**
 * s3rver with the given buckets, storing objects under `directory` (kept across restarts). It
 * listens on a free loopback port behind the S3 front: it checks neither signatures nor expiry.
 *
 * @example
 * const store = await startS3rver('.local/s3', ['cruddur-uploads-local']);
 * const front = createS3Front({ upstream: store, ... });
 */
export async function startS3rver(directory: string, buckets: readonly string[]): Promise<LocalS3rver> {
  mkdirSync(directory, { recursive: true });
  const server = new S3rver({
    port: 0,
    address: LOOPBACK,
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name, configs: [] })),
  });
  const { port } = await server.run();
  return {
    url: `http://${LOOPBACK}:${port}`,
    host: LOOPBACK,
    port,
    close: () => server.close(),
  };
}
