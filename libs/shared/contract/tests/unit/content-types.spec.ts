// The upload types as every side reads them: the key extension goes into S3 keys, the image type is
// what the thumbnail checks the decoded file against, the file extensions and label are the page's.
import { AVATAR_CONTENT_TYPES, AVATAR_MEDIA_TYPES, MAX_UPLOAD_URL_EXPIRES_SECONDS, UPLOAD_URL_EXPIRES_SECONDS } from '../../src';
import { isAvatarMediaType } from '../../src/limits';

describe('AVATAR_CONTENT_TYPES', () => {
  it.each([
    ['image/jpeg', { imageType: 'jpeg', keyExtension: 'jpg', fileExtensions: ['jpg', 'jpeg', 'jfif'], label: 'JPEG' }],
    ['image/png', { imageType: 'png', keyExtension: 'png', fileExtensions: ['png'], label: 'PNG' }],
    ['image/webp', { imageType: 'webp', keyExtension: 'webp', fileExtensions: ['webp'], label: 'WebP' }],
    ['image/avif', { imageType: 'avif', keyExtension: 'avif', fileExtensions: ['avif'], label: 'AVIF' }],
    ['image/gif', { imageType: 'gif', keyExtension: 'gif', fileExtensions: ['gif'], label: 'GIF' }],
    ['image/tiff', { imageType: 'tiff', keyExtension: 'tiff', fileExtensions: ['tif', 'tiff'], label: 'TIFF' }],
  ] as const)('describes %s', (mediaType, expected) => {
    expect(isAvatarMediaType(mediaType)).toBe(true);
    expect(AVATAR_CONTENT_TYPES[mediaType]).toEqual(expected);
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(AVATAR_CONTENT_TYPES)).toBe(true);
    expect(Object.isFrozen(AVATAR_MEDIA_TYPES)).toBe(true);
  });

  it('knows media types in lower case only, as the request schema hands them on', () => {
    expect(isAvatarMediaType('IMAGE/PNG')).toBe(false);
    expect(isAvatarMediaType('image/png ')).toBe(false);
    expect(isAvatarMediaType('')).toBe(false);
  });
});

describe('upload URL lifetimes', () => {
  it('defaults to five minutes, within the seven days SigV4 allows', () => {
    expect(UPLOAD_URL_EXPIRES_SECONDS).toBe(300);
    expect(MAX_UPLOAD_URL_EXPIRES_SECONDS).toBe(604_800);
  });
});
