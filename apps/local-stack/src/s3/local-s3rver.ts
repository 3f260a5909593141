import { mkdirSync } from 'node:fs';
import S3rver from 's3rver';
import { LOOPBACK, loopbackUrl } from '../net/listen';

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
    url: loopbackUrl(port),
    host: LOOPBACK,
    port,
    close: () => server.close(),
  };
}
