import { avatarPlaceholder } from './avatar-placeholder';
import { AVATAR_FORMATS, type AvatarRendition } from './avatar-rendition';
import { decodeAvatarSquare, type AvatarFraming, type RawImage } from './decode-avatar-square';
import { detectImageType } from './detect-image-type';
import { encodeAvatar, resizeSquare } from './encode-avatar';
import { UnsupportedImageError } from './errors';
import { resolveRenderOptions, type RenderAvatarOptions } from './render-options';

/**
 * Renders an uploaded picture as square avatars: every size in WebP and in JPEG, largest first
 * (`[512 webp, 512 jpeg, 128 webp, 128 jpeg]` by default).
 *
 * The upload is checked by its bytes, then decoded once, to the largest size: EXIF orientation
 * applied, the `crop` taken (its centred square) or, without one, a square framed by content
 * (libvips attention), first frame of an animation, 8-bit sRGB (from CMYK, 16-bit or ICC
 * tagged input). Each smaller size is resized from that square once; both encodings of a size
 * come from the same square. Outputs carry no EXIF (so no GPS), XMP, IPTC or ICC. Smaller inputs
 * are enlarged. No shape is rejected: a 1×20 000 strip gives an avatar of its centre pixel's
 * colour, in the time and memory of a small image.
 *
 * HEIC/HEIF is decoded by libheif (WebAssembly, loaded on the first one), upright by its irot/imir.
 *
 * @throws {UnsupportedImageError} not a JPEG, PNG, WebP, GIF, AVIF, TIFF or HEIC/HEIF (text, HTML, SVG, video, empty).
 * @throws {ImageTooLargeError} more than `maxInputPixels` pixels (default 50 000 000).
 * @throws {CorruptImageError} truncated or damaged image data.
 * @throws {RangeError} invalid `options`.
 * @example
 * const renditions = await renderAvatarRenditions(upload);
 * for (const { size, extension, contentType, body } of renditions) {
 *   await putObject(`avatars/${sub}/${version}/${size}.${extension}`, body, contentType);
 * }
 */
export async function renderAvatarRenditions(
  input: Uint8Array,
  options?: RenderAvatarOptions,
): Promise<AvatarRendition[]> {
  return Promise.all(await startAvatarRenditions(input, options));
}

/**
 * {@link renderAvatarRenditions} for callers that store each rendition as soon as it is ready:
 * checks and decodes the upload (the step that fails on bad input), starts the largest size's
 * encodes at once and each smaller size's as soon as its square is resized, and returns one
 * promise per rendition in the same order, largest first, WebP before JPEG.
 *
 * @throws {UnsupportedImageError} not a JPEG, PNG, WebP, GIF, AVIF, TIFF or HEIC/HEIF.
 * @throws {ImageTooLargeError} more than `maxInputPixels` pixels.
 * @throws {CorruptImageError} truncated or damaged image data.
 * @throws {RangeError} invalid `options`.
 * @example
 * const encoding = await startAvatarRenditions(upload);
 * await Promise.all(encoding.map(async (rendition) => store(await rendition)));
 */
export async function startAvatarRenditions(
  input: Uint8Array,
  options?: RenderAvatarOptions,
): Promise<Promise<AvatarRendition>[]> {
  const { largest, sizes } = await decodeUpload(input, options);
  return encodeRenditions(largest, sizes);
}

/** What {@link startAvatarRendering} hands over once the upload is decoded. */
export interface AvatarRendering {
  /** As {@link startAvatarRenditions} returns them. */
  renditions: Promise<AvatarRendition>[];
  /** The square's ThumbHash in standard base64, from the same decoded square as the renditions. */
  placeholder: Promise<string>;
  /** How the square was chosen: the upload's crop, its faces, or attention. */
  framing: AvatarFraming;
}

/**
 * {@link startAvatarRenditions}, plus the avatar's placeholder (a ThumbHash), computed from the
 * decoded square while the renditions encode: one decode for both.
 *
 * @throws {UnsupportedImageError} not a JPEG, PNG, WebP, GIF, AVIF or TIFF.
 * @throws {ImageTooLargeError} more than `maxInputPixels` pixels.
 * @throws {CorruptImageError} truncated or damaged image data.
 * @throws {RangeError} invalid `options`.
 * @example
 * const { renditions, placeholder } = await startAvatarRendering(upload);
 * await Promise.all(renditions.map(async (rendition) => store(await rendition)));
 * announce(await placeholder);
 */
export async function startAvatarRendering(input: Uint8Array, options?: RenderAvatarOptions): Promise<AvatarRendering> {
  const { largest, sizes } = await decodeUpload(input, options);
  return { renditions: encodeRenditions(largest, sizes), placeholder: avatarPlaceholder(largest), framing: largest.framing };
}

async function decodeUpload(
  input: Uint8Array,
  options: RenderAvatarOptions | undefined,
): Promise<{ largest: RawImage & { framing: AvatarFraming }; sizes: readonly number[] }> {
  const { sizes, maxInputPixels, crop, findFaces } = resolveRenderOptions(options);
  if (detectImageType(input) === undefined) throw new UnsupportedImageError();
  return { largest: await decodeAvatarSquare(input, sizes[0] as number, maxInputPixels, crop, findFaces), sizes };
}

function encodeRenditions(largest: RawImage, sizes: readonly number[]): Promise<AvatarRendition>[] {
  return sizes.flatMap((size) => {
    if (size === largest.width) return AVATAR_FORMATS.map((format) => encodeAvatar(largest, size, format));
    const square = resizeSquare(largest, size);
    return AVATAR_FORMATS.map((format) => square.then((small) => encodeAvatar(small, size, format)));
  });
}
