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
