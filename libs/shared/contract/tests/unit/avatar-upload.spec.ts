import * as z from 'zod/mini';
import { AvatarUploadRequestSchema, AvatarUploadTicketSchema, MAX_UPLOAD_BYTES, apiErrorCodeOf, avatarUploadRequestSchema } from '../../src';

function refusal(body: unknown, schema = AvatarUploadRequestSchema) {
  const result = z.safeParse(schema, body);
  if (result.success) throw new Error(`expected a refusal of ${JSON.stringify(body)}`);
  const first = result.error.issues[0];
  return { code: apiErrorCodeOf(first), message: first?.message ?? '' };
}

describe('AvatarUploadRequestSchema', () => {
  it.each(['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif', 'image/tiff', 'image/heic', 'image/heif'])('accepts %s', (contentType) => {
    expect(z.parse(AvatarUploadRequestSchema, { contentType, contentLength: 1 })).toEqual({ contentType, contentLength: 1 });
  });

  it('lower-cases and trims the media type, and drops the tolerated extension', () => {
    expect(z.parse(AvatarUploadRequestSchema, { contentType: ' Image/PNG ', contentLength: 5, extension: '.png' })).toEqual({
      contentType: 'image/png',
      contentLength: 5,
    });
  });

  it('takes exactly the cap and refuses one byte more with upload-too-large', () => {
    expect(z.parse(AvatarUploadRequestSchema, { contentType: 'image/png', contentLength: MAX_UPLOAD_BYTES }).contentLength).toBe(MAX_UPLOAD_BYTES);
    expect(refusal({ contentType: 'image/png', contentLength: MAX_UPLOAD_BYTES + 1 })).toEqual({
      code: 'upload-too-large',
      message: `file must be at most ${MAX_UPLOAD_BYTES} bytes`,
    });
  });

  it("applies a deploy's own cap", () => {
    const schema = avatarUploadRequestSchema({ maxBytes: 100 });
    expect(refusal({ contentType: 'image/png', contentLength: 101 }, schema).code).toBe('upload-too-large');
  });

  it.each(['image/svg+xml', 'text/html', 'video/hevc', 'application/octet-stream'])('refuses %s as unsupported (415)', (contentType) => {
    expect(refusal({ contentType, contentLength: 10 })).toEqual({
      code: 'unsupported-content-type',
      message: 'contentType must be one of image/jpeg, image/png, image/webp, image/avif, image/gif, image/tiff, image/heic, image/heif',
    });
  });

  it('answers an unsupported type before a size over the cap', () => {
    expect(refusal({ contentType: 'text/html', contentLength: MAX_UPLOAD_BYTES * 2 }).code).toBe('unsupported-content-type');
  });

  it.each([
    ['a missing length', { contentType: 'image/png' }],
    ['a zero length', { contentType: 'image/png', contentLength: 0 }],
    ['a negative length', { contentType: 'image/png', contentLength: -5 }],
    ['a fractional length', { contentType: 'image/png', contentLength: 1.5 }],
    ['a string length', { contentType: 'image/png', contentLength: '100' }],
    ['an unsafe integer length', { contentType: 'image/png', contentLength: 2 ** 60 }],
    ['NaN', { contentType: 'image/png', contentLength: Number.NaN }],
    ['Infinity', { contentType: 'image/png', contentLength: Number.POSITIVE_INFINITY }],
    ['a missing type', { contentLength: 10 }],
    ['an empty type', { contentType: '  ', contentLength: 10 }],
    ['a non-string type', { contentType: ['image/png'], contentLength: 10 }],
    ['a type with parameters', { contentType: 'image/png; charset=utf-8', contentLength: 10 }],
    ['a type with a newline', { contentType: 'image/png\r\nx-amz-acl: public-read', contentLength: 10 }],
    ['a 300-character type', { contentType: `image/${'a'.repeat(300)}`, contentLength: 10 }],
    ['a client-chosen key', { contentType: 'image/png', contentLength: 10, key: '../../etc/passwd' }],
    ['a client-chosen sub', { contentType: 'image/png', contentLength: 10, sub: 'someone-else' }],
    ['__proto__ as a field', JSON.parse('{"contentType":"image/png","contentLength":10,"__proto__":{"x":1}}')],
    ['a malformed extension', { contentType: 'image/png', contentLength: 10, extension: '../x.html' }],
    ['a non-string extension', { contentType: 'image/png', contentLength: 10, extension: 5 }],
    ['an array', [{ contentType: 'image/png', contentLength: 10 }]],
    ['a string', 'image/png'],
    ['null', null],
  ])('refuses %s as an invalid request (400) with a short message', (_, body) => {
    const { code, message } = refusal(body);
    expect(code).toBe('invalid-request');
    expect(message.length).toBeGreaterThan(0);
    expect(message.length).toBeLessThan(120);
  });

  it('cuts a long unknown field name in its message', () => {
    expect(refusal({ contentType: 'image/png', contentLength: 1, ['k'.repeat(500)]: 1 }).message).toBe(`unexpected field: ${'k'.repeat(40)}`);
  });
});

describe('AvatarUploadTicketSchema', () => {
  const ticket = {
    url: 'https://b.s3.us-east-1.amazonaws.com/uploads/avatars/u/1.png?X-Amz-Signature=x',
    method: 'PUT',
    headers: { 'Content-Type': 'image/png', 'Content-Length': '5' },
    key: 'uploads/avatars/u/1767225600000-9f86d081884c7d65.png',
    uploadId: '1767225600000-9f86d081884c7d65',
    expiresAt: '2026-12-01T00:05:00.000Z',
  };

  it('reads what presign answers', () => {
    expect(z.parse(AvatarUploadTicketSchema, ticket)).toEqual(ticket);
  });

  it.each([
    ['a POST', { ...ticket, method: 'POST' }],
    ['no URL', { ...ticket, url: '' }],
    ['no content type', { ...ticket, headers: { 'Content-Length': '5' } }],
    ['no upload id', { ...ticket, uploadId: undefined }],
  ])('refuses a ticket with %s', (_, body) => {
    expect(z.safeParse(AvatarUploadTicketSchema, body).success).toBe(false);
  });
});
