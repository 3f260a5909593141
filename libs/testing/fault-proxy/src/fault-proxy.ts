import { type IncomingMessage, type OutgoingHttpHeaders, type Server, type ServerResponse, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the proxy does to a matching request instead of forwarding it. */
export type Fault =
  /** Answer this status without forwarding; the body defaults to an S3-style XML error. */
  | { kind: 'status'; status: number; body?: string; contentType?: string }
  /** Read the request, then never answer (until the client gives up or the proxy closes). */
  | { kind: 'stall' }
  /** Drop the connection without an answer. */
  | { kind: 'close' };

export interface FaultRule {
  /** Only requests with this method (any when omitted). */
  method?: string;
  /** Only requests whose path (with query) matches. */
  path?: RegExp;
  fault: Fault;
  /** How many matching requests get the fault, then the rule is spent (default: all of them). */
  times?: number;
}

/** One request the proxy saw, and what it did with it. */
export interface ProxiedRequest {
  method: string;
  path: string;
  fault?: Fault['kind'];
  status?: number;
}

export interface FaultProxy {
  /** `http://127.0.0.1:<port>`: point the client here instead of at the upstream. */
  url: string;
  port: number;
  /** Adds a rule (checked in the order added); returns a function that removes it. */
  inject(rule: FaultRule): () => void;
  /** Removes every rule: from now on everything is forwarded. */
  heal(): void;
  /** Every request so far, in arrival order. */
  readonly requests: readonly ProxiedRequest[];
  close(): Promise<void>;
}

const S3_CODES: Readonly<Record<number, string>> = Object.freeze({ 500: 'InternalError', 503: 'SlowDown' });
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);

function s3ErrorBody(status: number): string {
  const code = S3_CODES[status] ?? 'ServiceUnavailable';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>fault injected by the test's proxy</Message><RequestId>FAULTPROXY000000</RequestId></Error>`;
}

/**
 * An HTTP proxy in front of a real server (s3rver, the S3 front) that answers chosen requests with
 * an error status, a stall or a dropped connection, and forwards the rest untouched (the Host
 * header too, so SigV4 signatures made for the proxy's address still verify behind it).
 *
 * @example
 * const proxy = await startFaultProxy('http://127.0.0.1:4569');
 * proxy.inject({ method: 'GET', path: /\/uploads\//, fault: { kind: 'status', status: 503 }, times: 2 });
 * const s3 = new S3Client({ endpoint: proxy.url, forcePathStyle: true });
 */
export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream);
  const rules: { rule: FaultRule; left: number }[] = [];
  const requests: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();

  const matching = (request: IncomingMessage) => {
    const found = rules.find(
      ({ rule, left }) => left > 0 && (rule.method === undefined || rule.method === request.method) && (rule.path === undefined || rule.path.test(request.url ?? '')),
    );
    if (found) found.left -= 1;
    return found?.rule.fault;
  };

  const forward = (request: IncomingMessage, response: ServerResponse, seen: ProxiedRequest) => {
    const headers: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(request.headers)) if (!HOP_BY_HOP.has(name) && value !== undefined) headers[name] = value;
    const upstreamRequest = httpRequest({ host: target.hostname, port: target.port, method: request.method, path: request.url, headers }, (reply) => {
      seen.status = reply.statusCode;
      const replyHeaders: OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(reply.headers)) if (!HOP_BY_HOP.has(name) && value !== undefined) replyHeaders[name] = value;
      response.writeHead(reply.statusCode ?? 502, replyHeaders);
      reply.pipe(response);
    });
    upstreamRequest.on('error', () => response.destroy());
    request.pipe(upstreamRequest);
  };

  const server: Server = createServer((request, response) => {
    const seen: ProxiedRequest = { method: request.method ?? 'GET', path: request.url ?? '/' };
    requests.push(seen);
    const fault = matching(request);
    if (!fault) return forward(request, response, seen);
    seen.fault = fault.kind;
    if (fault.kind === 'close') {
      request.socket.destroy();
      return;
    }
    // Read the whole request first, as a server would before it fails.
    request.resume();
    request.on('end', () => {
      if (fault.kind === 'stall') return;
      const body = fault.body ?? s3ErrorBody(fault.status);
      seen.status = fault.status;
      response.writeHead(fault.status, { 'Content-Type': fault.contentType ?? 'application/xml', 'Content-Length': String(Buffer.byteLength(body)) });
      response.end(body);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    inject(rule) {
      const entry = { rule, left: rule.times ?? Number.POSITIVE_INFINITY };
      rules.push(entry);
      return () => {
        const index = rules.indexOf(entry);
        if (index >= 0) rules.splice(index, 1);
      };
    },
    heal: () => void rules.splice(0),
    requests,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
