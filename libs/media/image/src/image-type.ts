import { AVATAR_CONTENT_TYPES, type AvatarContentType } from '@cruddur/shared/contract';

/** Raster formats accepted as avatar uploads (the contract's list); sharp decodes all but `heif`, which libheif does. */
export type ImageType = AvatarContentType['imageType'];

/**
 * The media type of each accepted image type, from the contract's list (the first one listed when
 * several name it: `heif` is `image/heic`, as iPhones label it).
 *
 * @example
 * IMAGE_CONTENT_TYPES.jpeg; // 'image/jpeg'
 */
export const IMAGE_CONTENT_TYPES: Readonly<Record<ImageType, string>> = Object.freeze(
  Object.fromEntries(
    Object.entries(AVATAR_CONTENT_TYPES)
      .reverse()
      .map(([mediaType, type]) => [type.imageType, mediaType]),
  ) as Record<ImageType, string>,
);

const IMAGE_TYPES_BY_CONTENT_TYPE: ReadonlyMap<string, ImageType> = new Map(
  Object.entries(AVATAR_CONTENT_TYPES).map(([mediaType, type]) => [mediaType, type.imageType]),
);

/**
 * The image type a `Content-Type` header names, or `undefined` when it names none we accept.
 * Parameters (`; charset=…`) and letter case are ignored.
 *
 * @example
 * imageTypeFromContentType('image/JPEG'); // 'jpeg'
 * imageTypeFromContentType('image/svg+xml'); // undefined
 */
export function imageTypeFromContentType(contentType: string): ImageType | undefined {
  const essence = contentType.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  return IMAGE_TYPES_BY_CONTENT_TYPE.get(essence);
}
