import { centredSquare, isExtremeAspectRatio } from './centred-square';
import { CorruptImageError } from './errors';
import { openImage } from './open-image';
import { toImageError } from './to-image-error';

/** Uncompressed, unpremultiplied sRGB pixels, 8 bits per channel, row by row. */
export interface RawImage {
  pixels: Buffer;
  width: number;
  height: number;
  /** 3 (RGB) or 4 (RGBA, when the input had transparency). */
  channels: 3 | 4;
}

/**
 * Decodes an untrusted image ONCE into a `size`×`size` square: the first frame, turned upright
 * by its EXIF orientation, cover-cropped around the centre, converted to 8-bit sRGB with any
 * alpha kept. A single sharp pipeline lets libvips shrink JPEG and WebP while decoding.
 * Images more than 8 times longer than wide (or wider than tall) are cropped to their centred
 * square first, so a 1×20 000 strip becomes the colour at its centre instead of a failure.
 *
 * @throws {ImageTooLargeError} the image has more than `maxInputPixels` pixels.
 * @throws {UnsupportedImageError} libvips does not know the format.
 * @throws {CorruptImageError} the image is truncated or damaged.
 * @example
 * const { pixels, channels } = await decodeAvatarSquare(upload, 512, 50_000_000);
 */
export async function decodeAvatarSquare(
  input: Uint8Array,
  size: number,
  maxInputPixels: number,
): Promise<RawImage> {
  try {
    const image = await openImage(input, maxInputPixels);
    const { width, height } = await image.metadata();
    if (!width || !height) throw new CorruptImageError('Expected an image with a width and a height');
    // The crop is in stored (un-oriented) pixels; orienting after it keeps rotation post-resize.
    if (isExtremeAspectRatio(width, height)) image.extract(centredSquare(width, height));
    // Raw output is sharp's default 8-bit sRGB, whatever the input: CMYK, 16-bit or greyscale.
    const { data, info } = await image
      .autoOrient()
      .resize(size, size, { fit: 'cover', position: 'centre' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { pixels: data, width: info.width, height: info.height, channels: info.channels === 4 ? 4 : 3 };
  } catch (error) {
    throw toImageError(error);
  }
}
