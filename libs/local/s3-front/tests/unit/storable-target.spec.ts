import { S3Error } from '../../src/errors';
import { assertStorableBucket, assertStorableDeleteKeys, assertStorableKey, assertStorableTarget, storePath } from '../../src/storable-target';
import { parseS3Target } from '../../src/s3-target';

function refusal(run: () => void): S3Error {
  try {
    run();
  } catch (error) {
    if (error instanceof S3Error) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('assertStorableKey', () => {
  it.each(['uploads/avatars/u-1/1.jpg', 'a', 'Zoë S/a+b.txt', '...', '..a/b..', 'a\\..\\b'])('passes %j', (key) => {
    expect(() => assertStorableKey(key)).not.toThrow();
  });

  it.each(['..', '.', 'a/../b', 'a/./b', 'a//b', '/a', 'a/', 'a\0b'])('refuses %j with InvalidArgument', (key) => {
    expect(refusal(() => assertStorableKey(key))).toMatchObject({ code: 'InvalidArgument', status: 400 });
  });

  it('refuses a key over 1024 bytes like S3: KeyTooLongError', () => {
    expect(() => assertStorableKey('é'.repeat(512))).not.toThrow();
    expect(refusal(() => assertStorableKey('é'.repeat(513)))).toMatchObject({ code: 'KeyTooLongError', status: 400 });
  });
});

describe('assertStorableBucket', () => {
  it.each(['..', '.', 'a', 'UPPER', 'a..b', 'a/b', '-ab'])('refuses %j with InvalidBucketName', (bucket) => {
    expect(refusal(() => assertStorableBucket(bucket))).toMatchObject({ code: 'InvalidBucketName', status: 400 });
  });
});

describe('assertStorableTarget', () => {
  const check = (url: string, headers: Record<string, string> = {}) => () => assertStorableTarget(parseS3Target(url), headers);

  it('passes the list of buckets, a bucket, and an object', () => {
    expect(check('/')).not.toThrow();
    expect(check('/uploads/?list-type=2&prefix=../')).not.toThrow();
    expect(check('/uploads/in/x.txt?uploadId=0123456789abcdef0123456789abcdef&partNumber=1')).not.toThrow();
  });

  it('decodes before it checks: %2E%2E and %2F count', () => {
    expect(refusal(check('/uploads/%2E%2E/x')).code).toBe('InvalidArgument');
    expect(refusal(check('/uploads/a%2F%2e%2e%2Fb')).code).toBe('InvalidArgument');
    expect(refusal(check('/%2e%2e/x')).code).toBe('InvalidBucketName');
  });

  it('refuses an upload id that is not one of s3rver’s', () => {
    expect(refusal(check('/uploads/x?uploadId=..%2F..%2Fy&partNumber=1'))).toMatchObject({ code: 'NoSuchUpload', status: 404 });
  });

  it('checks the copy source in the header and in the query', () => {
    expect(check('/uploads/x', { 'x-amz-copy-source': 'uploads/in/a%20b.txt?versionId=1' })).not.toThrow();
    expect(refusal(check('/uploads/x', { 'x-amz-copy-source': '/uploads/../../etc/passwd' })).code).toBe('InvalidArgument');
    expect(refusal(check('/uploads/x?X-Amz-Copy-Source=uploads%2F..%2Fsecret')).code).toBe('InvalidArgument');
    expect(refusal(check('/uploads/x', { 'x-amz-copy-source': 'no-key' })).code).toBe('InvalidArgument');
  });
});

describe('storePath', () => {
  it('encodes each segment, so s3rver decodes exactly the checked key', () => {
    expect(storePath({ bucket: 'b', key: 'a b/c+d/%2E' })).toBe('/b/a%20b/c%2Bd/%252E');
    expect(storePath({ bucket: 'b', key: '' })).toBe('/b');
    expect(storePath({ bucket: '', key: '' })).toBe('/');
  });
});

describe('assertStorableDeleteKeys', () => {
  const body = (...keys: string[]) => Buffer.from(`<Delete>${keys.map((key) => `<Object><Key>${key}</Key></Object>`).join('')}</Delete>`);

  it('passes ordinary keys, entities decoded', () => {
    expect(() => assertStorableDeleteKeys(body('in/a.txt', 'in/b &amp; c.txt', '&#46;&#46;&#46;'))).not.toThrow();
  });

  it.each([['../x'], ['&#46;&#46;/x'], ['a/&#x2e;&#x2E;/b'], ['a//b']])('refuses %j', (key) => {
    expect(refusal(() => assertStorableDeleteKeys(body('in/ok.txt', key))).code).toBe('InvalidArgument');
  });
});
