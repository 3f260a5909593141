import type { ImageType } from './image-type';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const WEBP_CHUNKS = new Set(['VP8 ', 'VP8L', 'VP8X']);
const AVIF_BRANDS = new Set(['avif', 'avis']);
// HEVC-coded HEIF (HEIC): sharp's prebuilt libvips cannot decode it, libheif can.
const HEVC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs']);
// Generic HEIF image/sequence brands that name no codec: the codec brands beside them decide.
const HEIF_STRUCTURAL_BRANDS = new Set(['mif1', 'msf1']);

function startsWith(bytes: Uint8Array, expected: readonly number[], offset = 0): boolean {
  return expected.every((byte, index) => bytes[offset + index] === byte);
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}

function uint32(bytes: Uint8Array, offset: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(offset);
}

function isWebp(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 16 &&
    ascii(bytes, 0, 4) === 'RIFF' &&
    ascii(bytes, 8, 12) === 'WEBP' &&
    WEBP_CHUNKS.has(ascii(bytes, 12, 16))
  );
}

/** The major and compatible brands of a leading, well-formed ISO-BMFF `ftyp` box, major first. */
function ftypBrands(bytes: Uint8Array): string[] | undefined {
  if (bytes.length < 16 || ascii(bytes, 4, 8) !== 'ftyp') return undefined;
  const boxSize = uint32(bytes, 0);
  if (boxSize < 16 || boxSize > bytes.length || (boxSize - 16) % 4 !== 0) return undefined;
  const brands = [ascii(bytes, 8, 12)];
  for (let offset = 16; offset < boxSize; offset += 4) brands.push(ascii(bytes, offset, offset + 4));
  return brands;
}

/**
 * AVIF or HEIC/HEIF from the `ftyp` brands: an HEVC major brand is HEIF whatever else is listed;
 * otherwise any AVIF brand is AVIF (sharp decodes it); otherwise an HEVC brand, or a generic
 * `mif1`/`msf1` with no codec brand, is HEIF. Other ISO-BMFF files (MP4 video) are neither.
 */
function isoBmffImageType(bytes: Uint8Array): 'avif' | 'heif' | undefined {
  const brands = ftypBrands(bytes);
  if (!brands) return undefined;
  if (HEVC_BRANDS.has(brands[0] as string)) return 'heif';
  if (brands.some((brand) => AVIF_BRANDS.has(brand))) return 'avif';
  if (brands.some((brand) => HEVC_BRANDS.has(brand) || HEIF_STRUCTURAL_BRANDS.has(brand))) return 'heif';
  return undefined;
}

/**
 * Identifies an image by its leading bytes (magic numbers), ignoring any file name or declared
 * content type. Text, HTML, SVG and other XML, video and anything unknown give `undefined`.
 *
 * @example
 * const type = detectImageType(upload);
 * if (type === undefined) throw new UnsupportedImageError();
 */
export function detectImageType(bytes: Uint8Array): ImageType | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, PNG_SIGNATURE)) return 'png';
  if (isWebp(bytes)) return 'webp';
  if (bytes.length >= 6 && ['GIF87a', 'GIF89a'].includes(ascii(bytes, 0, 6))) return 'gif';
  const isoBmff = isoBmffImageType(bytes);
  if (isoBmff) return isoBmff;
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  return undefined;
}
