import { S3Error } from './errors';

/** What a path-style S3 request addresses, and its query as the signature covers it. */
export interface S3Target {
  /** The path as sent, still percent-encoded. */
  rawPath: string;
  /** The query as sent, without the `?`. */
  rawQuery: string;
  /** Decoded query parameters in order; a name without `=` has the value ''. */
  query: [string, string][];
  bucket: string;
  /** The decoded object key; '' for a bucket-level request. */
  key: string;
}

function decodeQueryComponent(text: string): string {
  return decodeURIComponent(text.replace(/\+/g, ' '));
}

/**
 * Splits a path-style request target (`/bucket/key?query`) into bucket, key and query.
 *
 * @throws S3Error `InvalidArgument` for malformed percent-encoding
 *
 * @example
 * parseS3Target('/uploads/a%20b.jpg?x-id=PutObject'); // { bucket: 'uploads', key: 'a b.jpg', query: [['x-id', 'PutObject']], ... }
 */
export function parseS3Target(url: string): S3Target {
  const q = url.indexOf('?');
  const rawPath = q < 0 ? url : url.slice(0, q);
  const rawQuery = q < 0 ? '' : url.slice(q + 1);
  try {
    const query = rawQuery
      .split('&')
      .filter(Boolean)
      .map((pair): [string, string] => {
        const eq = pair.indexOf('=');
        return eq < 0 ? [decodeQueryComponent(pair), ''] : [decodeQueryComponent(pair.slice(0, eq)), decodeQueryComponent(pair.slice(eq + 1))];
      });
    const [, bucket = '', ...keyParts] = rawPath.split('/');
    return { rawPath, rawQuery, query, bucket: decodeURIComponent(bucket), key: decodeURIComponent(keyParts.join('/')) };
  } catch (cause) {
    throw new S3Error('InvalidArgument', 'The request URI is not valid URL encoding.', {}, { cause });
  }
}
