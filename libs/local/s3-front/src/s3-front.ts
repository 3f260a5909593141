import { createHash } from 'node:crypto';
import { Agent, type IncomingMessage, type OutgoingHttpHeaders, type RequestListener, type ServerResponse, request as httpRequest } from 'node:http';
import { type ObjectCreatedEventName, objectCreatedEvent } from '@cruddur/shared/lambda-events';
import { BodyLimitExceeded, headerValue, readBody } from '@cruddur/local/http-body';
import type { S3Event } from 'aws-lambda';
import { type BucketCorsRule, type CorsHeaders, matchCorsRule, preflightHeaders, requestedHeaders, responseCorsHeaders } from './bucket-cors';
import { S3Error } from './errors';
import { s3RequestIds, sendS3Error } from './s3-error';
import { type S3Target, parseS3Target } from './s3-target';
import { assertStorableDeleteKeys, assertStorableTarget, storePath } from './storable-target';
import type { IncomingS3Request, S3Authentication, SigV4Verifier } from './sigv4-verifier';

/** Where S3 sends `ObjectCreated` events of a bucket (one notification configuration). */
interface ObjectCreatedNotification {
  bucket: string;
  /** Only keys starting with this, like the `prefix` filter of the notification. */
  prefix: string;
  configurationId: string;
  /** Takes the event; the PUT is acknowledged only after a returned promise resolved (persisted). */
  deliver(event: S3Event): void | Promise<void>;
}

/** Where the store behind the front answers: s3rver's Unix socket, or a TCP address (tests with their own s3rver). */
type S3FrontUpstream = { socketPath: string } | { host: string; port: number };

export interface S3FrontOptions {
  upstream: S3FrontUpstream;
  verifier: SigV4Verifier;
  region: string;
  /** CORS rules by bucket; a bucket without rules refuses every preflight, like S3. */
  cors: Readonly<Record<string, readonly BucketCorsRule[]>>;
  notifications: readonly ObjectCreatedNotification[];
  /** Largest body accepted; S3 takes 5 GB in one PUT, a laptop needs far less. */
  maxBodyBytes?: number;
  log: (line: string) => void;
}

/** What the store answered a forwarded request with. */
interface StoredReply {
  status: number;
  eTag: string | undefined;
  requestId: string;
  hostId: string;
}

const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'host']);
const SUBRESOURCES = ['acl', 'tagging', 'legal-hold', 'retention', 'torrent', 'restore', 'select', 'cors', 'policy', 'lifecycle'];

/** Which `ObjectCreated` event a successful request causes, if any. */
function objectCreatedBy(method: string, target: S3Target, request: IncomingMessage): ObjectCreatedEventName | undefined {
  if (target.key === '') return undefined;
  const params = new Set(target.query.map(([name]) => name));
  if (SUBRESOURCES.some((name) => params.has(name))) return undefined;
  if (method === 'PUT' && !params.has('partNumber') && !params.has('uploadId')) {
    return request.headers['x-amz-copy-source'] === undefined ? 'ObjectCreated:Put' : 'ObjectCreated:Copy';
  }
  if (method === 'POST' && params.has('uploadId')) return 'ObjectCreated:CompleteMultipartUpload';
  return undefined;
}

/**
 * An HTTP server in front of s3rver that does what s3rver does not and our security depends on:
 * it checks SigV4 signatures and expiry like S3 (presigned URLs and `Authorization` headers;
 * anonymous requests are refused, as the buckets block public access), answers CORS like the
 * buckets' CORS rules, and for each object created hands the real-shaped S3 event to the
 * bucket's notification, acknowledging the request only once that delivery resolved (persisted).
 *
 * @example
 * const front = createS3Front({ upstream, verifier, region, cors: { uploads: [rule] }, notifications, log });
 * server.on('request', front.handle);
 */
export function createS3Front(options: S3FrontOptions): { handle: RequestListener; close(): void } {
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  const upstream = 'socketPath' in options.upstream ? { socketPath: options.upstream.socketPath } : { host: options.upstream.host, port: options.upstream.port };
  // An IP or localhost: s3rver reads any other Host as a virtual-hosted bucket name.
  const upstreamHost = 'socketPath' in options.upstream ? 'localhost' : `${options.upstream.host}:${options.upstream.port}`;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  const corsFor = (bucket: string, origin: string | undefined, method: string): CorsHeaders => {
    if (!origin) return {};
    const rule = matchCorsRule(options.cors[bucket] ?? [], { origin, method, requestHeaders: [] });
    return rule ? responseCorsHeaders(rule, origin) : {};
  };

  const preflight = (request: IncomingMessage, response: ServerResponse, bucket: string) => {
    const origin = headerValue(request, 'origin');
    const method = headerValue(request, 'access-control-request-method');
    if (!origin) throw new S3Error('BadRequest', 'Insufficient information. Origin request header needed.');
    if (!method) throw new S3Error('BadRequest', 'Invalid Access-Control-Request-Method: null');
    const rules = options.cors[bucket] ?? [];
    if (rules.length === 0) throw new S3Error('AccessForbidden', 'CORSResponse: CORS is not enabled for this bucket.');
    const headers = requestedHeaders(headerValue(request, 'access-control-request-headers'));
    const rule = matchCorsRule(rules, { origin, method, requestHeaders: headers });
    if (!rule) {
      throw new S3Error(
        'AccessForbidden',
        "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.",
      );
    }
    const ids = s3RequestIds();
    response.writeHead(200, { ...preflightHeaders(rule, origin, headers), 'Content-Length': '0', 'x-amz-request-id': ids.requestId, 'x-amz-id-2': ids.hostId, Server: 'AmazonS3' });
    response.end();
  };

  const forward = (
    request: IncomingMessage,
    target: S3Target,
    body: Buffer | undefined,
    extraHeaders: CorsHeaders,
    response: ServerResponse,
    beforeReply?: (stored: StoredReply) => Promise<void>,
  ) =>
    new Promise<StoredReply>((resolve, reject) => {
      const headers: OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(request.headers)) {
        if (!HOP_BY_HOP.has(name) && value !== undefined) headers[name] = value;
      }
      headers.host = upstreamHost;
      if (body !== undefined) headers['content-length'] = String(body.byteLength);
      const storeRequest = httpRequest(
        { ...upstream, method: request.method, path: `${storePath(target)}${target.rawQuery ? `?${target.rawQuery}` : ''}`, headers, agent },
        (reply) => {
          const replyHeaders: OutgoingHttpHeaders = {};
          for (const [name, value] of Object.entries(reply.headers)) {
            if (!HOP_BY_HOP.has(name) && !name.startsWith('access-control-') && value !== undefined) replyHeaders[name] = value;
          }
          const ids = { requestId: String(reply.headers['x-amz-request-id'] ?? s3RequestIds().requestId), hostId: String(reply.headers['x-amz-id-2'] ?? s3RequestIds().hostId) };
          const stored: StoredReply = { status: reply.statusCode ?? 502, eTag: reply.headers.etag?.replace(/"/g, ''), ...ids };
          // What the client is told comes after `beforeReply` (the event persisted), so an acknowledged upload always has its event.
          (beforeReply ? beforeReply(stored) : Promise.resolve()).then(
            () => {
              response.writeHead(stored.status, { ...replyHeaders, 'x-amz-request-id': ids.requestId, 'x-amz-id-2': ids.hostId, ...extraHeaders });
              reply.pipe(response);
              reply.on('error', reject);
              response.on('close', () => resolve(stored));
            },
            (error: unknown) => {
              reply.resume();
              reject(error);
            },
          );
        },
      );
      storeRequest.on('error', reject);
      storeRequest.end(body);
    });

  const headObject = (bucket: string, key: string) =>
    new Promise<{ size: number; eTag: string }>((resolve, reject) => {
      const path = storePath({ bucket, key });
      const head = httpRequest({ ...upstream, headers: { host: upstreamHost }, method: 'HEAD', path, agent }, (reply) => {
        reply.resume();
        if (reply.statusCode !== 200) reject(new Error(`HEAD ${bucket}/${key} answered ${reply.statusCode}`));
        else resolve({ size: Number(reply.headers['content-length'] ?? 0), eTag: String(reply.headers.etag ?? '').replace(/"/g, '') });
      });
      head.on('error', reject);
      head.end();
    });

  const notify = async (
    eventName: ObjectCreatedEventName,
    target: S3Target,
    auth: Extract<S3Authentication, { accessKeyId: string }>,
    request: IncomingMessage,
    stored: { size?: number; eTag?: string; requestId: string; hostId: string },
  ) => {
    const notifications = options.notifications.filter((n) => n.bucket === target.bucket && target.key.startsWith(n.prefix));
    if (notifications.length === 0) return;
    options.log(`s3: ${eventName} ${target.bucket}/${target.key} (${stored.size ?? '?'} bytes) → ${notifications.map((n) => n.configurationId).join(', ')}`);
    const object =
      eventName === 'ObjectCreated:Put' && stored.size !== undefined && stored.eTag
        ? { size: stored.size, eTag: stored.eTag }
        : await headObject(target.bucket, target.key);
    for (const notification of notifications) {
      await notification.deliver(
        objectCreatedEvent({
          eventName,
          region: options.region,
          bucket: target.bucket,
          key: target.key,
          ...object,
          principalId: `AWS:${auth.accessKeyId}`,
          sourceIp: request.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
          requestId: stored.requestId,
          hostId: stored.hostId,
          configurationId: notification.configurationId,
          time: new Date(),
        }),
      );
    }
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const method = request.method ?? 'GET';
    const origin = headerValue(request, 'origin');
    let target: S3Target | undefined;
    let bodyRead = !['PUT', 'POST'].includes(method);
    try {
      target = parseS3Target(request.url ?? '/');
      if (method === 'OPTIONS') return preflight(request, response, target.bucket);
      // Before anything else: a key that is a path to elsewhere never reaches s3rver's files.
      assertStorableTarget(target, request.headers);

      const incoming: IncomingS3Request = { method, rawPath: target.rawPath, query: target.query, headers: request.headers };
      const auth = await options.verifier.authenticate(incoming);
      // POST Object takes its key from the form: signed or not, it never reaches s3rver.
      if (method === 'POST' && target.key === '' && !target.query.some(([name]) => name === 'delete')) {
        throw new S3Error('NotImplemented', 'Browser form uploads (POST Object) are not supported by the local S3 front; use a presigned PUT.');
      }
      if (auth.kind === 'anonymous') throw new S3Error('AccessDenied', 'Access Denied');

      let body: Buffer | undefined;
      if (!bodyRead) {
        const declared = headerValue(request, 'content-length');
        if (declared === undefined && method === 'PUT') {
          throw new S3Error('MissingContentLength', 'You must provide the Content-Length HTTP header.');
        }
        if (declared !== undefined && Number(declared) > maxBodyBytes) {
          throw new S3Error('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', {
            ProposedSize: declared,
            MaxSizeAllowed: String(maxBodyBytes),
          });
        }
        body = await readBody(request, maxBodyBytes);
        bodyRead = true;
        if (method === 'POST' && target.key === '' && target.query.some(([name]) => name === 'delete')) assertStorableDeleteKeys(body);
        if (/^[0-9a-f]{64}$/.test(auth.payloadHash)) {
          const computed = createHash('sha256').update(body).digest('hex');
          if (computed !== auth.payloadHash) {
            throw new S3Error('XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.", {
              ClientComputedContentSHA256: auth.payloadHash,
              S3ComputedContentSHA256: computed,
            });
          }
        }
      }

      const created = objectCreatedBy(method, target, request);
      const createdTarget = target;
      const sendEvent = created
        ? async (stored: StoredReply) => {
            if (stored.status < 200 || stored.status >= 300) return;
            try {
              await notify(created, createdTarget, auth, request, { ...stored, size: body?.byteLength });
            } catch (error) {
              options.log(`s3: no event for ${createdTarget.bucket}/${createdTarget.key}, so the request fails: ${String(error)}`);
              throw error;
            }
          }
        : undefined;
      await forward(request, target, body, corsFor(target.bucket, origin, method), response, sendEvent);
    } catch (error) {
      let s3Error: S3Error;
      if (error instanceof S3Error) s3Error = error;
      else if (error instanceof BodyLimitExceeded) {
        s3Error = new S3Error('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', { MaxSizeAllowed: String(maxBodyBytes) });
      } else {
        options.log(`s3: ${method} ${request.url} failed: ${String(error)}`);
        s3Error = new S3Error('InternalError', 'We encountered an internal error. Please try again.');
      }
      if (response.headersSent) {
        response.destroy();
        return;
      }
      if (s3Error.status === 403 || s3Error.status === 400 || s3Error.status === 411) {
        options.log(`s3: refused ${method} ${target ? `${target.bucket}/${target.key}` : request.url}: ${s3Error.status} ${s3Error.code} (${s3Error.message})`);
      }
      const cors = target && method !== 'OPTIONS' ? corsFor(target.bucket, origin, method) : {};
      sendS3Error(response, s3Error, { head: method === 'HEAD', closeConnection: !bodyRead, headers: cors });
    }
  };

  return {
    handle: (request, response) => void handle(request, response),
    close: () => agent.destroy(),
  };
}
