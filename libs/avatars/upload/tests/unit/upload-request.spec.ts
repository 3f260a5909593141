import {
  InvalidUploadRequestError,
  UnsupportedContentTypeError,
  UploadTooLargeError,
  parseAvatarUploadRequest,
} from '../../src';

const limits = { maxBytes: 10 * 1024 * 1024 };

describe('parseAvatarUploadRequest', () => {
  it.each(['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif', 'image/tiff', 'image/heic', 'image/heif'])('accepts %s', (contentType) => {
    expect(parseAvatarUploadRequest({ contentType, contentLength: 1 }, limits)).toEqual({ contentType, contentLength: 1 });
  });

  it('normalises the media type to lower case', () => {
    expect(parseAvatarUploadRequest({ contentType: ' Image/PNG ', contentLength: 5 }, limits).contentType).toBe('image/png');
  });

  it("tolerates the original page's extension field and does not return it", () => {
    expect(parseAvatarUploadRequest({ contentType: 'image/png', contentLength: 5, extension: 'html' }, limits)).toEqual({
      contentType: 'image/png',
      contentLength: 5,
    });
  });

  it('accepts exactly the cap', () => {
    expect(parseAvatarUploadRequest({ contentType: 'image/png', contentLength: limits.maxBytes }, limits).contentLength).toBe(
      limits.maxBytes,
    );
  });

  it.each([
    ['SVG', 'image/svg+xml'],
    ['HTML', 'text/html'],
    ['HEVC video', 'video/hevc'],
    ['octet-stream', 'application/octet-stream'],
  ])('refuses %s as unsupported', (_, contentType) => {
    expect(() => parseAvatarUploadRequest({ contentType, contentLength: 10 }, limits)).toThrow(UnsupportedContentTypeError);
  });

  it('refuses a size over the cap as too large', () => {
    expect(() => parseAvatarUploadRequest({ contentType: 'image/png', contentLength: limits.maxBytes + 1 }, limits)).toThrow(
      UploadTooLargeError,
    );
  });

  it.each([
    ['a missing length', { contentType: 'image/png' }],
    ['a zero length', { contentType: 'image/png', contentLength: 0 }],
    ['a negative length', { contentType: 'image/png', contentLength: -5 }],
    ['a fractional length', { contentType: 'image/png', contentLength: 1.5 }],
    ['a string length', { contentType: 'image/png', contentLength: '100' }],
    ['an unsafe integer length', { contentType: 'image/png', contentLength: 2 ** 60 }],
    ['a missing type', { contentLength: 10 }],
    ['a non-string type', { contentType: ['image/png'], contentLength: 10 }],
    ['a type with parameters', { contentType: 'image/png; charset=utf-8', contentLength: 10 }],
    ['a type with a newline', { contentType: 'image/png\r\nx-amz-acl: public-read', contentLength: 10 }],
    ['a client-chosen key', { contentType: 'image/png', contentLength: 10, key: '../../etc/passwd' }],
    ['a client-chosen sub', { contentType: 'image/png', contentLength: 10, sub: 'someone-else' }],
    ['a malformed extension', { contentType: 'image/png', contentLength: 10, extension: '../x.html' }],
    ['a non-string extension', { contentType: 'image/png', contentLength: 10, extension: 5 }],
    ['an array', [{ contentType: 'image/png', contentLength: 10 }]],
    ['null', null],
  ])('refuses %s as invalid', (_, body) => {
    expect(() => parseAvatarUploadRequest(body, limits)).toThrow(InvalidUploadRequestError);
  });
});
