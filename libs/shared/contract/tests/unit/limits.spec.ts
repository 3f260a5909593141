import { API_ERRORS, AVATAR_CONTENT_TYPES, AVATAR_MEDIA_TYPES, FUNCTION_SIZING, MAX_UPLOAD_BYTES, apiErrorCodeOf } from '../../src';
import { isAvatarMediaType } from '../../src/limits';

describe('limits', () => {
  it('caps uploads at 10 MiB', () => {
    expect(MAX_UPLOAD_BYTES).toBe(10_485_760);
  });

  it('accepts the raster types sharp decodes, nothing scriptable', () => {
    expect(AVATAR_MEDIA_TYPES).toEqual(['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif', 'image/tiff', 'image/heic', 'image/heif']);
    expect(isAvatarMediaType('image/svg+xml')).toBe(false);
    expect(isAvatarMediaType('toString')).toBe(false);
    expect(isAvatarMediaType('__proto__')).toBe(false);
  });

  it('gives every type one key extension among its file extensions', () => {
    for (const type of Object.values(AVATAR_CONTENT_TYPES)) {
      expect((type.fileExtensions as readonly string[]).includes(type.keyExtension)).toBe(true);
    }
  });
});

describe('API_ERRORS', () => {
  it('maps each code to a client or server error status', () => {
    for (const { status } of Object.values(API_ERRORS)) expect(status >= 400 && status < 600).toBe(true);
    expect(API_ERRORS['upload-too-large'].status).toBe(413);
    expect(API_ERRORS['unsupported-content-type'].status).toBe(415);
  });

  it('reads only known codes from an issue', () => {
    expect(apiErrorCodeOf({ params: { apiError: 'upload-too-large' } })).toBe('upload-too-large');
    expect(apiErrorCodeOf({ params: { apiError: 'hasOwnProperty' } })).toBe('invalid-request');
    expect(apiErrorCodeOf({})).toBe('invalid-request');
    expect(apiErrorCodeOf(undefined)).toBe('invalid-request');
  });
});

describe('FUNCTION_SIZING', () => {
  it('keeps every API-facing function within the HTTP API timeout of 30 s', () => {
    for (const name of ['authorizer', 'presign', 'getProfile', 'getOwnProfile', 'updateProfile'] as const) {
      expect(FUNCTION_SIZING[name].timeoutSeconds).toBeLessThanOrEqual(30);
    }
    expect(FUNCTION_SIZING.authorizer.timeoutSeconds).toBeLessThanOrEqual(10);
  });
});
