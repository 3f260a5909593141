import { InvalidKeyError } from './errors';

/**
 * Decodes an object key from an S3 event notification. S3 encodes keys there like an HTML form
 * (`+` for a space, `%XX` for other bytes), so `decodeURIComponent` alone would keep the `+`.
 *
 * @example
 * decodeS3EventKey('uploads/avatars/Zo%C3%AB+S/1.jpg'); // 'uploads/avatars/Zoë S/1.jpg'
 */
export function decodeS3EventKey(encoded: string): string {
  try {
    return decodeURIComponent(encoded.replace(/\+/g, ' '));
  } catch (cause) {
    throw new InvalidKeyError('event key is not valid URL encoding', { cause });
  }
}

/**
 * Encodes a key for use in a URL path: each segment percent-encoded, slashes kept.
 *
 * @example
 * keyToUrlPath('avatars/Zoë S/1/128.webp'); // 'avatars/Zo%C3%AB%20S/1/128.webp'
 */
export function keyToUrlPath(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}
