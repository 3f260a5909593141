import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { S3Error } from './errors';

/**
 * Escapes text for an XML element.
 *
 * @example
 * xmlText('a<b'); // 'a&#60;b'
 */
function xmlText(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Request ids in S3's format: 16 upper-case hex characters, and a base64 `x-amz-id-2`.
 *
 * @example
 * const { requestId, hostId } = s3RequestIds();
 */
export function s3RequestIds(): { requestId: string; hostId: string } {
  return { requestId: randomBytes(8).toString('hex').toUpperCase(), hostId: randomBytes(48).toString('base64') };
}

/**
 * The XML body S3 answers an error with.
 *
 * @example
 * s3ErrorXml(new S3Error('AccessDenied', 'Access Denied'), s3RequestIds()); // '<?xml …><Error><Code>AccessDenied</Code>…'
 */
function s3ErrorXml(error: S3Error, ids: { requestId: string; hostId: string }): string {
  const elements = { Code: error.code, Message: error.message, ...error.detail, RequestId: ids.requestId, HostId: ids.hostId };
  const body = Object.entries(elements)
    .map(([name, value]) => `<${name}>${xmlText(value)}</${name}>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${body}</Error>`;
}

/**
 * Answers with an S3 error; a HEAD gets the status and headers only, like from S3.
 * `closeConnection` when the request body was not read, so it is not parsed as the next request.
 *
 * @example
 * sendS3Error(response, new S3Error('AccessDenied', 'Access Denied'), { head: request.method === 'HEAD' });
 */
export function sendS3Error(
  response: ServerResponse,
  error: S3Error,
  options: { head?: boolean; closeConnection?: boolean; headers?: Record<string, string> } = {},
): void {
  const ids = s3RequestIds();
  const body = options.head ? '' : s3ErrorXml(error, ids);
  response.writeHead(error.status, {
    ...options.headers,
    'Content-Type': 'application/xml',
    'Content-Length': String(Buffer.byteLength(body)),
    'x-amz-request-id': ids.requestId,
    'x-amz-id-2': ids.hostId,
    Server: 'AmazonS3',
    ...(options.closeConnection ? { Connection: 'close' } : {}),
  });
  response.end(body);
}
