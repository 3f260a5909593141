import type { ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';

/** HTTP status S3 answers each error code with. */
const STATUS_BY_CODE: Readonly<Record<string, number>> = Object.freeze({
  AccessDenied: 403,
  AccessForbidden: 403,
  AuthorizationHeaderMalformed: 400,
  AuthorizationQueryParametersError: 400,
  BadDigest: 400,
  BadRequest: 400,
  EntityTooLarge: 400,
  IncompleteBody: 400,
  InvalidAccessKeyId: 403,
  InvalidArgument: 400,
  InvalidRequest: 400,
  InvalidToken: 400,
  MissingContentLength: 411,
  NotImplemented: 501,
  RequestTimeTooSkewed: 403,
  SignatureDoesNotMatch: 403,
  XAmzContentSHA256Mismatch: 400,
});

/**
 * An error S3 would answer with: its code, message and the extra elements S3 puts in the XML body
 * (e.g. `StringToSign` for a signature mismatch).
 */
export class S3Error extends Error {
  readonly status: number;

  constructor(
    readonly code: string,
    message: string,
    readonly detail: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'S3Error';
    this.status = STATUS_BY_CODE[code] ?? 500;
  }
}

/** Escapes text for an XML element. */
export function xmlText(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Request ids in S3's format: 16 upper-case hex characters, and a base64 `x-amz-id-2`. */
export function s3RequestIds(): { requestId: string; hostId: string } {
  return { requestId: randomBytes(8).toString('hex').toUpperCase(), hostId: randomBytes(48).toString('base64') };
}

/** The XML body S3 answers an error with. */
export function s3ErrorXml(error: S3Error, ids: { requestId: string; hostId: string }): string {
  const elements = { Code: error.code, Message: error.message, ...error.detail, RequestId: ids.requestId, HostId: ids.hostId };
  const body = Object.entries(elements)
    .map(([name, value]) => `<${name}>${xmlText(value)}</${name}>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${body}</Error>`;
}

/**
 * Answers with an S3 error; a HEAD gets the status and headers only, like from S3.
 * `closeConnection` when the request body was not read, so it is not parsed as the next request.
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
