import sharp, { type Sharp } from 'sharp';
import { decodeHeif } from './decode-heif';
import { detectImageType } from './detect-image-type';

/**
 * A sharp pipeline over an untrusted upload: the bytes themselves for everything libvips decodes,
 * or libheif's upright, metadata-free pixels for HEIC/HEIF (already checked against the pixel limit).
 *
 * @throws {ImageTooLargeError} a HEIC/HEIF with more than `maxInputPixels` pixels.
 * @throws {CorruptImageError} a damaged HEIC/HEIF (other formats fail later, in sharp).
 * @example
 * const image = await openImage(upload, 50_000_000);
 * const { width, height } = await image.metadata();
 */
export async function openImage(input: Uint8Array, maxInputPixels: number): Promise<Sharp> {
  if (detectImageType(input) === 'heif') {
    const { pixels, width, height, channels } = await decodeHeif(input, maxInputPixels);
    return sharp(pixels, { raw: { width, height, channels }, limitInputPixels: maxInputPixels });
  }
  // 'error' rather than the default 'warning': phones emit JPEGs with harmless libjpeg warnings.
  return sharp(input, { failOn: 'error', limitInputPixels: maxInputPixels, pages: 1 });
}
