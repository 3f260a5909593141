import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { headerValue } from '@cruddur/local/http-body';

export interface AssetsCdnOptions {
  /** A client that reads the assets bucket (signed, as CloudFront's origin access control does). */
  s3: S3Client;
  bucket: string;
  /** The only prefix the distribution may read (the bucket policy allows nothing else). */
  prefix: string;
  log: (line: string) => void;
}

/** The distribution's response headers policy; Cache-Control only fills in for objects without one. */
const CDN_RESPONSE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Content-Security-Policy': "default-src 'none'; img-src 'self'; sandbox",
});
const DEFAULT_CACHE_CONTROL = 'public, max-age=31536000, immutable';

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}

function objectKey(rawPath: string): string | undefined {
  try {
    const segments = rawPath.split('/').slice(1).map(decodeURIComponent);
    return segments.some((s) => s === '' || s === '.' || s === '..') ? undefined : segments.join('/');
  } catch {
    return undefined;
  }
}

/** Does `If-None-Match` name this ETag (or `*`)? */
function matchesEtag(ifNoneMatch: string | undefined, etag: string | undefined): boolean {
  if (!ifNoneMatch || !etag) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}

/**
 * The assets "CDN": `GET`/`HEAD` of renditions from the assets bucket with the Content-Type and
 * Cache-Control the thumbnail stored, ETag and 304 on `If-None-Match`, the distribution's security
 * headers; 404 for a missing object, 403 outside the readable prefix or for other methods.
 *
 * @example
 * const cdn = createAssetsCdn({ s3, bucket: 'assets', prefix: 'avatars/', log });
 */
export function createAssetsCdn(options: AssetsCdnOptions): { handle: RequestListener } {
  const plain = (response: ServerResponse, status: number, text: string, head: boolean) => {
    response.writeHead(status, { ...CDN_RESPONSE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)), 'Cache-Control': 'no-store' });
    response.end(head ? undefined : text);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const head = request.method === 'HEAD';
    if (request.method !== 'GET' && !head) return plain(response, 403, 'This distribution is not configured to allow this HTTP request method.\n', false);
    const rawPath = (request.url ?? '/').split('?')[0] ?? '/';
    const key = objectKey(rawPath);
    if (key === undefined || !key.startsWith(options.prefix)) return plain(response, 403, 'Forbidden\n', head);

    let object;
    try {
      object = await options.s3.send(new GetObjectCommand({ Bucket: options.bucket, Key: key }));
    } catch (error) {
      if (isNotFound(error)) return plain(response, 404, 'Not Found\n', head);
      options.log(`assets: GET ${key} failed: ${String(error)}`);
      return plain(response, 502, 'Bad Gateway\n', head);
    }
    const body = object.Body as Readable | undefined;
    const headers: Record<string, string> = {
      ...CDN_RESPONSE_HEADERS,
      'Content-Type': object.ContentType ?? 'application/octet-stream',
      'Cache-Control': object.CacheControl ?? DEFAULT_CACHE_CONTROL,
      ...(object.ETag ? { ETag: object.ETag } : {}),
      ...(object.LastModified ? { 'Last-Modified': object.LastModified.toUTCString() } : {}),
    };
    if (matchesEtag(headerValue(request, 'if-none-match'), object.ETag)) {
      body?.destroy();
      response.writeHead(304, headers);
      response.end();
      return;
    }
    response.writeHead(200, { ...headers, ...(object.ContentLength !== undefined ? { 'Content-Length': String(object.ContentLength) } : {}) });
    if (head || !body) {
      body?.destroy();
      response.end();
      return;
    }
    body.pipe(response);
  };

  return {
    handle: (request, response) => {
      handle(request, response).catch((error: unknown) => {
        options.log(`assets: ${request.url} failed: ${String(error)}`);
        if (!response.headersSent) plain(response, 500, 'Internal Server Error\n', false);
        else response.destroy();
      });
    },
  };
}
