import { encodeS3EventKey } from '@cruddur/shared/lambda-events';
import { InvalidKeyError, decodeS3EventKey, keyToUrlPath, parseAvatarUploadKey } from '../../src';

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

describe('encodeS3EventKey', () => {
  it('form-encodes like S3 (Java URLEncoder): + for space, %XX for UTF-8, keeps . - * _ and /', () => {
    expect(encodeS3EventKey("uploads/avatars/Zoë S/a+b(1)!'~*.-_.jpg")).toBe(
      'uploads/avatars/Zo%C3%AB+S/a%2Bb%281%29%21%27%7E*.-_.jpg',
    );
  });

  it('round-trips through decodeS3EventKey', () => {
    const key = 'uploads/avatars/🙂 ä+%/1767225600000-9f86d081884c7d65.jpg';
    expect(decodeS3EventKey(encodeS3EventKey(key))).toBe(key);
  });
});

describe('encodeS3EventKey: the cases S3 is known to encode', () => {
  it.each([
    ['uploads/avatars/u-1/1767225600000-9f86d081884c7d65.jpg', 'uploads/avatars/u-1/1767225600000-9f86d081884c7d65.jpg'],
    ['uploads/avatars/Zoë S/1.jpg', 'uploads/avatars/Zo%C3%AB+S/1.jpg'],
    ['a+b=c&d', 'a%2Bb%3Dc%26d'],
    ['emoji 🙂', 'emoji+%F0%9F%99%82'],
    ["keep .-_* but not ~!'()", "keep+.-_*+but+not+%7E%21%27%28%29"],
  ])('encodes %j like S3 does in events', (key, encoded) => {
    expect(encodeS3EventKey(key)).toBe(encoded);
    expect(decodeS3EventKey(encoded)).toBe(key);
  });
});


describe('an S3 event key that decodes to a path out of the layout', () => {
  const ID = '1767225600000-9f86d081884c7d65';
  it.each([
    ['an encoded .. as the sub', `uploads/avatars/%2E%2E/${ID}.jpg`],
    ['a lower-case %2e. as the sub', `uploads/avatars/%2e./${ID}.jpg`],
    ['encoded slashes around ..', `uploads/avatars/u%2F..%2F..%2F/${ID}.jpg`],
    ['a backslash traversal', `uploads/avatars/..%5C..%5Cx/${ID}.jpg`],
    ['a . sub', `uploads/avatars/./${ID}.jpg`],
    ['an empty sub (a//b)', `uploads/avatars//${ID}.jpg`],
  ])('is refused by parseAvatarUploadKey: %s', (_, encoded) => {
    expect(() => parseAvatarUploadKey(decodeS3EventKey(encoded))).toThrow(InvalidKeyError);
  });
});
