import { type IncomingMessage, type Server, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FaultyS3Proxy {
  endpoint: string;
  /** Requests the proxy failed, as `METHOD /path`. */
  failed: string[];
  close(): Promise<void>;
}

/**
 * An HTTP proxy in front of s3rver that answers `503 SlowDown` to the requests `fails` picks, and
 * forwards every other one, after `delayMs(request)` ms if given: faults at the network edge, not a
 * mocked client.
 */
export async function startFaultyS3Proxy(
  upstream: string,
  fails: (request: IncomingMessage) => boolean,
  delayMs: (request: IncomingMessage) => number = () => 0,
): Promise<FaultyS3Proxy> {
  const target = new URL(upstream);
  const failed: string[] = [];
  const server: Server = createServer((request, response) => {
    if (fails(request)) {
      failed.push(`${request.method} ${request.url}`);
      request.resume();
      response.writeHead(503, { 'Content-Type': 'application/xml' });
      response.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>');
      return;
    }
    const forward = () => {
      const forwarded = httpRequest(
        { host: target.hostname, port: target.port, method: request.method, path: request.url, headers: request.headers },
        (reply) => {
          response.writeHead(reply.statusCode ?? 502, reply.headers);
          reply.pipe(response);
        },
      );
      forwarded.on('error', () => response.destroy());
      request.pipe(forwarded);
    };
    const delay = delayMs(request);
    if (delay > 0) setTimeout(forward, delay);
    else forward();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    failed,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
