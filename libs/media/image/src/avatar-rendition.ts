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
