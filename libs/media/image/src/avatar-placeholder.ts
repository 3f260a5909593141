import sharp from 'sharp';
import { rgbaToThumbHash } from 'thumbhash';
import type { RawImage } from './decode-avatar-square';

/** 32, not ThumbHash's 100: the same hash on real photos, and its cold JS encoder 7 ms instead of 37 in a fresh Lambda. */
const PLACEHOLDER_INPUT_EDGE = 32;

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
