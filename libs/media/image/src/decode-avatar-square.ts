import { FACE_SEARCH_EDGE } from '@cruddur/media/faces';
import { faceFramedCrop, type AvatarCrop, type FaceBox } from '@cruddur/shared/contract';
import sharp, { type Sharp } from 'sharp';
import { AVATAR_BACKGROUND } from './avatar-rendition';
import { centredSquare, cropRegion, isExtremeAspectRatio } from './centred-square';
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
 * Finds the faces in an upright, downscaled copy of the photo (RGB, at most
 * {@link FACE_SEARCH_EDGE} px on its long side), in that copy's pixels. It should not throw: a
 * detector that fails answers `[]`, and the photo is framed by content.
 */
export type FaceFinder = (photo: RawImage) => Promise<readonly FaceBox[]>;

/** How the square was chosen: the caller's crop, the faces found, or libvips' attention (no face, no finder). */
export type AvatarFraming = 'crop' | 'face' | 'attention';

/** The long side of the copy faces are looked for in: the faces lib's, the same in the page's editor. */
export { FACE_SEARCH_EDGE };

/** How an upload without a crop is framed: the square as a crop of the upright photo, and what chose it. */
export interface AvatarFramingChoice {
  crop: AvatarCrop;
  framing: 'face' | 'attention';
}

/**
 * Frames the upright picture from a copy at most {@link FACE_SEARCH_EDGE} px long: on the faces
 * `findFaces` finds there (the contract's `frameAvatarSquare`), else by libvips' attention on that copy.
 */
async function frameUprightCopy(image: Sharp, findFaces: FaceFinder): Promise<AvatarFramingChoice> {
  const { data, info } = await image
    .autoOrient()
    .resize(FACE_SEARCH_EDGE, FACE_SEARCH_EDGE, { fit: 'inside', withoutEnlargement: true })
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width, height } = info;
  const copy: RawImage = { pixels: data, width, height, channels: info.channels === 4 ? 4 : 3 };
  let faces: readonly FaceBox[] = [];
  try {
    faces = await findFaces(copy);
  } catch {
    // A finder should not throw; if one does, the photo is framed by content, never refused as corrupt.
  }
  const faced = faceFramedCrop(faces, width, height);
  if (faced !== undefined) return { crop: faced, framing: 'face' };
  const side = Math.min(width, height);
  const attention = await sharp(data, { raw: { width, height, channels: copy.channels } })
    .resize(side, side, { fit: 'cover', position: sharp.strategy.attention })
    .raw()
    .toBuffer({ resolveWithObject: true });
  // sharp reports where the square starts as negative offsets.
  const left = Math.abs(attention.info.cropOffsetLeft ?? 0);
  const top = Math.abs(attention.info.cropOffsetTop ?? 0);
  return { crop: { left: left / width, top: top / height, width: side / width, height: side / height }, framing: 'attention' };
}

/**
 * How {@link decodeAvatarSquare} frames an upload without a crop when it is given `findFaces`:
 * the square (fractions of the upright photo) and whether faces or attention chose it. For the
 * bench and the tests, which judge the framing without rendering.
 *
 * @throws {ImageTooLargeError} | {UnsupportedImageError} | {CorruptImageError} as `decodeAvatarSquare`.
 * @example
 * const { crop, framing } = await frameAvatar(upload, 50_000_000, blazeFaceFinder());
 */
export async function frameAvatar(input: Uint8Array, maxInputPixels: number, findFaces: FaceFinder): Promise<AvatarFramingChoice> {
  try {
    return await frameUprightCopy(await openImage(input, maxInputPixels), findFaces);
  } catch (error) {
    throw toImageError(error);
  }
}

/**
 * Decodes an untrusted image ONCE into a `size`×`size` square: the first frame, turned upright
 * by its EXIF orientation, converted to 8-bit sRGB, any transparency flattened onto
 * {@link AVATAR_BACKGROUND} (so always 3 channels).
 *
 * Without `crop`, when `findFaces` is given, faces are looked for in an upright copy at most
 * {@link FACE_SEARCH_EDGE} px long (JPEG and WebP shrink while decoding it) and the square framed on
 * them by the contract's `frameAvatarSquare`; without a face, by libvips' attention on that copy;
 * the square is then taken as a crop (below). See {@link frameAvatar}.
 *
 * Without `crop` and without `findFaces` the square is framed by content (libvips' attention strategy: skin tones,
 * saturation, detail), and a single sharp pipeline lets libvips shrink JPEG and WebP while
 * decoding. Images more than 8 times longer than wide (or wider than tall) are cropped to their
 * centred square first, so a 1×20 000 strip becomes the colour at its centre instead of a failure.
 *
 * With `crop` (fractions of the upright image) that region is taken, then the centred square of
 * it if it is not square, resized to `size`. A square larger than `size` is cut from the whole
 * picture shrunk while decoding (libvips cannot shrink on load when it extracts first); a smaller
 * one, to be enlarged, from the full decode.
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
  crop?: AvatarCrop,
  findFaces?: FaceFinder,
): Promise<RawImage & { framing: AvatarFraming }> {
  try {
    const image = await openImage(input, maxInputPixels);
    const { width, height, autoOrient: upright } = await image.metadata();
    if (!width || !height) throw new CorruptImageError('Expected an image with a width and a height');
    let framing: AvatarFraming = crop === undefined ? 'attention' : 'crop';
    if (crop === undefined && findFaces !== undefined) {
      ({ crop, framing } = await frameUprightCopy(image.clone(), findFaces));
    }
    if (crop !== undefined) {
      // Oriented first, so the region is of the upright picture, as the client saw it.
      image.autoOrient();
      const square = centredSquare(cropRegion(upright.width, upright.height, crop));
      if (square.width > size && !isExtremeAspectRatio(width, height)) {
        // The whole picture shrunk (JPEG and WebP shrink while decoding), then the square cut from it.
        const scale = size / square.width;
        const scaledWidth = Math.max(size, Math.round(upright.width * scale));
        const scaledHeight = Math.max(size, Math.round(upright.height * scale));
        image.resize(scaledWidth, scaledHeight, { fit: 'fill' }).extract({
          left: Math.min(Math.round(square.left * scale), scaledWidth - size),
          top: Math.min(Math.round(square.top * scale), scaledHeight - size),
          width: size,
          height: size,
        });
      } else {
        image.extract(square).resize(size, size, { fit: 'cover' });
      }
    } else {
      // This square is in stored (un-oriented) pixels; orienting after it keeps rotation post-resize.
      if (isExtremeAspectRatio(width, height)) image.extract(centredSquare(width, height));
      image.autoOrient().resize(size, size, { fit: 'cover', position: sharp.strategy.attention });
    }
    // Raw output is sharp's default 8-bit sRGB, whatever the input: CMYK, 16-bit or greyscale; alpha
    // flattened onto the avatars' one background.
    const { data, info } = await image.flatten({ background: AVATAR_BACKGROUND }).raw().toBuffer({ resolveWithObject: true });
    return { pixels: data, width: info.width, height: info.height, channels: info.channels === 4 ? 4 : 3, framing };
  } catch (error) {
    throw toImageError(error);
  }
}
