import { InvalidKeyError, decodeS3EventKey, keyToUrlPath } from '../../src';

describe('decodeS3EventKey', () => {
  it('turns + into a space and %XX into bytes, as S3 encodes event keys', () => {
    expect(decodeS3EventKey('uploads/avatars/Zo%C3%AB+S/1.jpg')).toBe('uploads/avatars/Zoë S/1.jpg');
  });

  it('keeps a literal plus that S3 sent as %2B', () => {
    expect(decodeS3EventKey('a%2Bb+c')).toBe('a+b c');
  });

  it('decodes emoji (4-byte UTF-8)', () => {
    expect(decodeS3EventKey('%F0%9F%99%82')).toBe('🙂');
  });

  it('rejects malformed percent-encoding with a typed error', () => {
    expect(() => decodeS3EventKey('bad%E0%A4%A')).toThrow(InvalidKeyError);
    expect(() => decodeS3EventKey('%')).toThrow(InvalidKeyError);
  });
});

describe('keyToUrlPath', () => {
  it('encodes each segment and keeps the slashes', () => {
    expect(keyToUrlPath('avatars/Zoë S/1/128.webp')).toBe('avatars/Zo%C3%AB%20S/1/128.webp');
    expect(keyToUrlPath('avatars/a#b?c/1.jpg')).toBe('avatars/a%23b%3Fc/1.jpg');
  });
});
