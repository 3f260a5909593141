// What the page shows for each refused upload request: one issue, worded for people, with its status code.
import * as z from 'zod/mini';
import { AVATAR_MEDIA_TYPES, AvatarUploadRequestSchema, MAX_UPLOAD_BYTES, apiErrorCodeOf, avatarUploadRequestSchema } from '../../src';

const LENGTH = 'contentLength must be a positive whole number of bytes';
const TYPE = 'contentType must be a media type string';
const MEDIA_TYPE = 'contentType must be a media type such as image/jpeg';
const EXTENSION = 'extension must be a short file extension such as jpg';
const BODY = 'body must be an object with contentType and contentLength';

// A schema built in the test, not at import: every check's options are then read while the test runs.
function issues(body: unknown, schema = avatarUploadRequestSchema({ maxBytes: MAX_UPLOAD_BYTES })) {
  const result = z.safeParse(schema, body);
  if (result.success) throw new Error(`expected a refusal of ${JSON.stringify(body)}`);
  return result.error.issues.map((issue) => ({ code: apiErrorCodeOf(issue), message: issue.message }));
}

describe('AvatarUploadRequestSchema refusals', () => {
  it.each([
    ['a missing length', { contentType: 'image/png' }, LENGTH],
    ['a zero length', { contentType: 'image/png', contentLength: 0 }, LENGTH],
    ['a negative length', { contentType: 'image/png', contentLength: -1 }, LENGTH],
    ['a fractional length', { contentType: 'image/png', contentLength: 1.5 }, LENGTH],
    ['a string length', { contentType: 'image/png', contentLength: '100' }, LENGTH],
    ['a missing type', { contentLength: 10 }, TYPE],
    ['a blank type', { contentType: '  ', contentLength: 10 }, TYPE],
    ['a numeric type', { contentType: 5, contentLength: 10 }, TYPE],
    ['a type with parameters', { contentType: 'image/png; charset=utf-8', contentLength: 10 }, MEDIA_TYPE],
    ['a type with a header smuggled after it', { contentType: 'image/png\r\nx-amz-acl: public-read', contentLength: 10 }, MEDIA_TYPE],
    ['a type without a subtype', { contentType: 'image/', contentLength: 10 }, MEDIA_TYPE],
    ['a path as extension', { contentType: 'image/png', contentLength: 10, extension: '../x.html' }, EXTENSION],
    ['an 11-character extension', { contentType: 'image/png', contentLength: 10, extension: 'abcdefghijk' }, EXTENSION],
    ['a numeric extension', { contentType: 'image/png', contentLength: 10, extension: 5 }, EXTENSION],
    ['an array', [{ contentType: 'image/png', contentLength: 10 }], BODY],
    ['null', null, BODY],
  ])('answers %s with one 400 issue saying what is wrong', (_, body, message) => {
    expect(issues(body)).toEqual([{ code: 'invalid-request', message }]);
  });

  it('reads the same as the schema with the default cap', () => {
    expect(issues({ contentType: 'image/png' }, AvatarUploadRequestSchema)).toEqual([{ code: 'invalid-request', message: LENGTH }]);
  });

  it('answers an oversized file with one 413 issue naming the cap', () => {
    expect(issues({ contentType: 'image/png', contentLength: MAX_UPLOAD_BYTES + 1 })).toEqual([
      { code: 'upload-too-large', message: `file must be at most ${MAX_UPLOAD_BYTES} bytes` },
    ]);
    expect(issues({ contentType: 'image/png', contentLength: 2_001 }, avatarUploadRequestSchema({ maxBytes: 2_000 }))).toEqual([
      { code: 'upload-too-large', message: 'file must be at most 2000 bytes' },
    ]);
  });

  it('answers an unsupported type with one 415 issue listing the accepted ones', () => {
    const [only, ...more] = issues({ contentType: 'image/svg+xml', contentLength: 10 });
    expect(more).toEqual([]);
    expect(only).toEqual({ code: 'unsupported-content-type', message: `contentType must be one of ${AVATAR_MEDIA_TYPES.join(', ')}` });
    expect(only?.message).toContain('image/jpeg, image/png');
  });

  it.each([
    ['a one-letter extension with a dot', '.j'],
    ['a ten-character extension', 'abcdefghij'],
    ['an upper-case extension', 'JPEG'],
  ])('tolerates %s and drops it', (_, extension) => {
    expect(z.parse(avatarUploadRequestSchema({ maxBytes: MAX_UPLOAD_BYTES }), { contentType: 'image/png', contentLength: 10, extension })).toEqual({ contentType: 'image/png', contentLength: 10 });
  });

  it('takes a type with the characters media types may hold', () => {
    const result = z.safeParse(avatarUploadRequestSchema({ maxBytes: MAX_UPLOAD_BYTES }), { contentType: 'image/vnd.ms-photo+x_y', contentLength: 10 });
    expect(result.success ? 'accepted' : apiErrorCodeOf(result.error.issues[0])).toBe('unsupported-content-type');
  });
});
