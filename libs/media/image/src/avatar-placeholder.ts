import sharp from 'sharp';
import { rgbaToThumbHash } from 'thumbhash';
import type { RawImage } from './decode-avatar-square';

/**
 * The square is hashed at 32×32. ThumbHash takes up to 100×100, but keeps only ~7×7 coefficients:
 * from the bench's photos a 32 px input gives the same hash, bit for bit, as 100 px, and its
 * encoder (plain JS, cold in a fresh Lambda) took 37 ms at 100 px and 7 ms at 32 px there, a
 * sixth of the thumbnail's first call above bare sharp (issue 15, target 4).
 */
export const PLACEHOLDER_INPUT_EDGE = 32;

/**
 * The ThumbHash of an already decoded avatar square (the one its renditions are encoded from, so
 * the placeholder has the same framing), in standard base64 with `=` padding: 24 bytes (32
 * characters) for an opaque square, 25 (36) when it has transparency. The square is shrunk to at
 * most {@link PLACEHOLDER_INPUT_EDGE} square unpremultiplied RGBA first (ThumbHash's limit is 100×100).
 *
 * @example
 * const placeholder = await avatarPlaceholder(await decodeAvatarSquare(upload, 512, 50_000_000));
 */
export async function avatarPlaceholder(square: RawImage): Promise<string> {
  const { pixels, width, height, channels } = square;
  const edge = Math.min(PLACEHOLDER_INPUT_EDGE, width, height);
  const { data, info } = await sharp(pixels, { raw: { width, height, channels } })
    .resize(edge, edge, { fit: 'cover' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return Buffer.from(rgbaToThumbHash(info.width, info.height, data)).toString('base64');
}
