/** The default cap on an avatar upload, in bytes (10 MiB); a deploy may set a lower or higher one. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** How long a presigned upload URL stays valid by default, in seconds. */
export const UPLOAD_URL_EXPIRES_SECONDS = 300;

/** The longest any presigned S3 URL can live (SigV4 caps it at 7 days). */
export const MAX_UPLOAD_URL_EXPIRES_SECONDS = 7 * 24 * 3600;

/** What the server and the page know about one accepted upload type. */
export interface AvatarContentType {
  /** sharp's name for the format (`heif`: HEVC-coded HEIC/HEIF, decoded by libheif, not sharp). */
  readonly imageType: 'jpeg' | 'png' | 'webp' | 'avif' | 'gif' | 'tiff' | 'heif';
  /** The extension the server puts in the upload key. */
  readonly keyExtension: string;
  /** File name extensions a browser may leave the type empty for. */
  readonly fileExtensions: readonly string[];
  /** How people call it. */
  readonly label: string;
}

/**
 * The image types an avatar may be uploaded as: raster types only (no SVG: script). HEIC/HEIF
 * (iPhone photos) are decoded by libheif's WebAssembly build, since sharp's prebuilt libvips has no HEVC.
 *
 * @example
 * Object.hasOwn(AVATAR_CONTENT_TYPES, 'image/png'); // true
 */
export const AVATAR_CONTENT_TYPES = Object.freeze({
  'image/jpeg': { imageType: 'jpeg', keyExtension: 'jpg', fileExtensions: ['jpg', 'jpeg', 'jfif'], label: 'JPEG' },
  'image/png': { imageType: 'png', keyExtension: 'png', fileExtensions: ['png'], label: 'PNG' },
  'image/webp': { imageType: 'webp', keyExtension: 'webp', fileExtensions: ['webp'], label: 'WebP' },
  'image/avif': { imageType: 'avif', keyExtension: 'avif', fileExtensions: ['avif'], label: 'AVIF' },
  'image/gif': { imageType: 'gif', keyExtension: 'gif', fileExtensions: ['gif'], label: 'GIF' },
  'image/tiff': { imageType: 'tiff', keyExtension: 'tiff', fileExtensions: ['tif', 'tiff'], label: 'TIFF' },
  'image/heic': { imageType: 'heif', keyExtension: 'heic', fileExtensions: ['heic'], label: 'HEIC' },
  'image/heif': { imageType: 'heif', keyExtension: 'heif', fileExtensions: ['heif', 'hif'], label: 'HEIF' },
} as const satisfies Record<string, AvatarContentType>);

export type AvatarMediaType = keyof typeof AVATAR_CONTENT_TYPES;

/** The accepted media types, in the order people read them. */
export const AVATAR_MEDIA_TYPES = Object.freeze(Object.keys(AVATAR_CONTENT_TYPES) as AvatarMediaType[]);

/**
 * Whether `mediaType` (lower case, no parameters) is one we accept.
 *
 * @example
 * isAvatarMediaType('image/svg+xml'); // false
 */
export function isAvatarMediaType(mediaType: string): mediaType is AvatarMediaType {
  return Object.hasOwn(AVATAR_CONTENT_TYPES, mediaType);
}

/** A display name is 1 to this many user-perceived characters. */
export const DISPLAY_NAME_MAX_LENGTH = 50;
/** A bio is at most this many user-perceived characters (empty is fine). */
export const BIO_MAX_LENGTH = 160;
/**
 * A person's character is at most a few code units (the longest emoji sequences are ~14); more is
 * stacked combining marks, which a grapheme count alone would let through by the kilobyte.
 */
export const CODE_UNITS_PER_CHARACTER = 16;
