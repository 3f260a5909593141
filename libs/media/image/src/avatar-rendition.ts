/** Encodings every avatar size is published in: WebP for browsers that take it, JPEG for the rest. */
export type AvatarFormat = 'webp' | 'jpeg';

/** One encoded, square avatar, ready to upload. */
export interface AvatarRendition {
  /** Edge length in pixels that was asked for; `width` and `height` equal it. */
  size: number;
  format: AvatarFormat;
  contentType: 'image/webp' | 'image/jpeg';
  /** File extension for the object key, without the dot. */
  extension: 'webp' | 'jpg';
  width: number;
  height: number;
  body: Buffer;
}

/** Content type and file extension of each avatar format, in publishing order. */
export const AVATAR_ENCODINGS = Object.freeze({
  webp: Object.freeze({ contentType: 'image/webp', extension: 'webp' }),
  jpeg: Object.freeze({ contentType: 'image/jpeg', extension: 'jpg' }),
} as const satisfies Record<AvatarFormat, Pick<AvatarRendition, 'contentType' | 'extension'>>);

export const AVATAR_FORMATS: readonly AvatarFormat[] = Object.freeze(['webp', 'jpeg']);

/**
 * What shows through a transparent upload (a logo, a cut-out PNG or WebP): white, in every
 * rendition alike. Alpha is flattened onto it when the square is decoded, so the WebP and the JPEG
 * look the same and a dark logo stays visible on a dark page (a transparent WebP let it vanish).
 */
export const AVATAR_BACKGROUND = Object.freeze({ r: 255, g: 255, b: 255 });
