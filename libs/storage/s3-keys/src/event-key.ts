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

// Java's URLEncoder (S3 is Java) leaves these as they are; S3 also keeps the slashes of the key.
const UNENCODED = /[A-Za-z0-9.\-*_/]/;

/**
 * Encodes an object key the way S3 writes it into event notifications: form encoding, so a space
 * is `+` and every other byte outside `A-Z a-z 0-9 . - * _` (and `/`) is `%XX` of its UTF-8.
 *
 * @example
 * encodeS3EventKey('uploads/avatars/Zoë S/1.jpg'); // 'uploads/avatars/Zo%C3%AB+S/1.jpg'
 */
export function encodeS3EventKey(key: string): string {
  let encoded = '';
  for (const char of key) {
    if (char === ' ') encoded += '+';
    else if (UNENCODED.test(char)) encoded += char;
    else {
      for (const byte of Buffer.from(char, 'utf8')) encoded += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
  }
  return encoded;
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
