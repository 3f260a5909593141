import sharp from 'sharp';
import { AVATAR_BACKGROUND, AVATAR_ENCODINGS, type AvatarFormat, type AvatarRendition } from './avatar-rendition';
import type { RawImage } from './decode-avatar-square';


/**
 * Resizes an already decoded square to `size`×`size` raw pixels, once, so both encodings of that
 * size start from the same smaller square instead of each resizing the large one.
 *
 * @example
 * const small = await resizeSquare(square, 128);
 */
export async function resizeSquare(square: RawImage, size: number): Promise<RawImage> {
  const { pixels, width, height, channels } = square;
  const { data, info } = await sharp(pixels, { raw: { width, height, channels } })
    .resize(size, size, { fit: 'cover' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { pixels: data, width: info.width, height: info.height, channels: info.channels === 4 ? 4 : 3 };
}

/**
 * Encodes an already decoded square (never the original upload) at `size`, resizing it if needed:
 * WebP q80 effort 4, or progressive mozjpeg q80 (a square with alpha, which the decode step never
 * hands over, is flattened onto {@link AVATAR_BACKGROUND} for both).
 * The output carries no metadata: sharp writes none unless asked to keep or add it.
 *
 * @example
 * const small = await encodeAvatar(square, 128, 'webp');
 */
export async function encodeAvatar(square: RawImage, size: number, format: AvatarFormat): Promise<AvatarRendition> {
  const { pixels, width, height, channels } = square;
  let image = sharp(pixels, { raw: { width, height, channels } });
  if (size !== width || size !== height) image = image.resize(size, size, { fit: 'cover' });
  image = image.flatten({ background: AVATAR_BACKGROUND });
  image = format === 'jpeg' ? image.jpeg({ quality: 80, progressive: true, mozjpeg: true }) : image.webp({ quality: 80, effort: 4 });
  const { data, info } = await image.toBuffer({ resolveWithObject: true });
  return { size, format, ...AVATAR_ENCODINGS[format], width: info.width, height: info.height, body: data };
}
