import { IMAGE_CONTENT_TYPES, imageTypeFromContentType, type ImageType } from '../../src/image-type';

describe('IMAGE_CONTENT_TYPES', () => {
  it('maps every accepted image type to its registered media type', () => {
    expect(IMAGE_CONTENT_TYPES).toEqual({
      jpeg: 'image/jpeg',
      png: 'image/png',
      webp: 'image/webp',
      gif: 'image/gif',
      avif: 'image/avif',
      tiff: 'image/tiff',
      heif: 'image/heic',
    });
  });

  it('cannot be changed by a caller', () => {
    expect(Object.isFrozen(IMAGE_CONTENT_TYPES)).toBe(true);
  });
});

describe('imageTypeFromContentType', () => {
  it.each(Object.entries(IMAGE_CONTENT_TYPES))('maps %s back from %s', (type, contentType) => {
    expect(imageTypeFromContentType(contentType)).toBe(type as ImageType);
  });

  it('maps both HEIC and HEIF media types to heif', () => {
    expect(imageTypeFromContentType('image/heic')).toBe('heif');
    expect(imageTypeFromContentType('image/HEIF')).toBe('heif');
  });

  it('ignores letter case, whitespace and parameters', () => {
    expect(imageTypeFromContentType(' Image/PNG ; charset=binary')).toBe('png');
  });

  it.each(['image/svg+xml', 'text/html', 'application/octet-stream', 'image/jpg', ''])(
    'knows nothing of %p',
    (contentType) => {
      expect(imageTypeFromContentType(contentType)).toBeUndefined();
    },
  );
});
