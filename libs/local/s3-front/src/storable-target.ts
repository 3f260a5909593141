import { S3Error } from './errors';
import type { S3Target } from './s3-target';

/** S3's bucket naming rules (path-style): 3-63 lower-case letters, digits, dots and hyphens. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** S3's limit on a key, in UTF-8 bytes. */
const MAX_KEY_BYTES = 1024;
/** s3rver's upload ids are 32 hex characters; anything else would be a path under its uploads folder. */
const UPLOAD_ID = /^[0-9a-f]{32}$/;

/**
 * Why a key cannot be stored by s3rver without becoming another path: a `.`, `..` or empty segment
 * (s3rver joins the key's segments into a file path), or a NUL (no file name holds one).
 */
function keyProblem(key: string): string | undefined {
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) return 'too long';
  if (key.includes('\0')) return 'NUL';
  const segments = key.split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) return 'dot or empty segment';
  return undefined;
}

/**
 * Refuses a bucket name S3 would refuse, and an object key s3rver would turn into another path.
 * Real S3 stores keys like `a/../b` or `a//b` literally; s3rver's files cannot, so the front
 * refuses them rather than let them reach the filesystem.
 *
 * @throws S3Error `InvalidBucketName`, `KeyTooLongError` or `InvalidArgument`
 *
 * @example
 * assertStorableKey('uploads/avatars/u/1.jpg'); // passes
 * assertStorableKey('uploads/../x'); // throws InvalidArgument
 */
export function assertStorableKey(key: string): void {
  const problem = keyProblem(key);
  if (problem === undefined) return;
  if (problem === 'too long') throw new S3Error('KeyTooLongError', 'Your key is too long', { MaxSizeAllowed: String(MAX_KEY_BYTES) });
  throw new S3Error(
    'InvalidArgument',
    "Object keys with '.', '..' or empty path segments, or a NUL, are refused by the local S3 front (S3 itself would store them literally).",
    { ArgumentName: 'key', ArgumentValue: key.slice(0, 256) },
  );
}

/**
 * @throws S3Error `InvalidBucketName` for a name outside S3's rules
 *
 * @example
 * assertStorableBucket('cruddur-uploads-local'); // passes
 */
export function assertStorableBucket(bucket: string): void {
  if (!BUCKET_NAME.test(bucket) || bucket.includes('..')) {
    throw new S3Error('InvalidBucketName', 'The specified bucket is not valid.', { BucketName: bucket.slice(0, 256) });
  }
}

function decodedCopySource(value: string): { bucket: string; key: string } {
  const withoutVersion = value.split('?')[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(withoutVersion);
  } catch (cause) {
    throw new S3Error('InvalidArgument', 'Copy Source must mention the source bucket and key: sourcebucket/sourcekey', {}, { cause });
  }
  const path = decoded.startsWith('/') ? decoded.slice(1) : decoded;
  const slash = path.indexOf('/');
  if (slash <= 0 || slash === path.length - 1) {
    throw new S3Error('InvalidArgument', 'Copy Source must mention the source bucket and key: sourcebucket/sourcekey', { ArgumentName: 'x-amz-copy-source' });
  }
  return { bucket: path.slice(0, slash), key: path.slice(slash + 1) };
}

/**
 * Checks everything of a request that s3rver turns into a file path: the bucket, the key, the
 * multipart upload id and the copy source (header, or query parameter, which s3rver also reads).
 * Percent-decoding is the strictest one (`%2F` counts as a slash), so whatever s3rver decodes
 * is covered.
 *
 * @throws S3Error `InvalidBucketName`, `KeyTooLongError`, `InvalidArgument` or `NoSuchUpload`
 *
 * @example
 * assertStorableTarget(parseS3Target(request.url), request.headers);
 */
export function assertStorableTarget(target: S3Target, headers: Readonly<Record<string, string | string[] | undefined>>): void {
  if (target.bucket === '') return;
  assertStorableBucket(target.bucket);
  if (target.key !== '') assertStorableKey(target.key);
  for (const [name, value] of target.query) {
    const lower = name.toLowerCase();
    if (lower === 'uploadid' && !UPLOAD_ID.test(value)) {
      throw new S3Error('NoSuchUpload', 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.', {
        UploadId: value.slice(0, 256),
      });
    }
    if (lower === 'x-amz-copy-source') assertStorableCopySource(value);
  }
  const copySource = headers['x-amz-copy-source'];
  for (const value of Array.isArray(copySource) ? copySource : copySource === undefined ? [] : [copySource]) assertStorableCopySource(value);
}

function assertStorableCopySource(value: string): void {
  const source = decodedCopySource(value);
  assertStorableBucket(source.bucket);
  assertStorableKey(source.key);
}

/**
 * The path the front sends to s3rver: built from the checked bucket and key, so that s3rver
 * decodes exactly what was checked, whatever spelling the client used.
 *
 * @example
 * storePath({ bucket: 'b', key: 'a b/c', ... }); // '/b/a%20b/c'
 */
export function storePath(target: Pick<S3Target, 'bucket' | 'key'>): string {
  if (target.bucket === '') return '/';
  const bucket = `/${encodeURIComponent(target.bucket)}`;
  return target.key === '' ? bucket : `${bucket}/${target.key.split('/').map(encodeURIComponent).join('/')}`;
}

const XML_ENTITIES: Readonly<Record<string, string>> = Object.freeze({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" });

function xmlUnescape(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (entity, name: string) => {
    if (name[0] === '#') return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
    return XML_ENTITIES[name] ?? entity;
  });
}

/**
 * Holds the keys of a multi-object delete (`POST /<bucket>?delete`, keys in the XML body) to the
 * same rules as a key in the path: s3rver deletes each one as a file path.
 *
 * @throws S3Error `InvalidArgument` or `KeyTooLongError` for the first key that is a path elsewhere
 *
 * @example
 * assertStorableDeleteKeys(Buffer.from('<Delete><Object><Key>in/a.txt</Key></Object></Delete>'));
 */
export function assertStorableDeleteKeys(body: Buffer): void {
  for (const match of body.toString('utf8').matchAll(/<Key>([\s\S]*?)<\/Key>/g)) assertStorableKey(xmlUnescape(match[1] ?? ''));
}
