import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LatencyProxy {
  endpoint: string;
  close(): Promise<void>;
}

/**
 * An HTTP proxy on a free loopback port that holds every response of `target` for `delayMs`
 * before passing it on: s3rver answering like a remote S3 (a round trip per request) instead of
 * like a local process.
 *
 * @example
 * const proxy = await startLatencyProxy(s3.endpoint, 15);
 */
export async function startLatencyProxy(target: string, delayMs: number): Promise<LatencyProxy> {
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const forward = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        setTimeout(() => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        }, delayMs);
      },
    );
    forward.on('error', (error) => res.destroy(error));
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
