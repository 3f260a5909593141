import type { ImageType } from './image-type';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const WEBP_CHUNKS = new Set(['VP8 ', 'VP8L', 'VP8X']);
const AVIF_BRANDS = new Set(['avif', 'avis']);
// HEIC/HEVC needs a decoder that sharp's prebuilt libvips does not ship.
const HEVC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs']);

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

/** An ISO-BMFF file whose leading `ftyp` box names an AVIF brand and no HEVC one. */
function isAvif(bytes: Uint8Array): boolean {
  if (bytes.length < 16 || ascii(bytes, 4, 8) !== 'ftyp') return false;
  const boxSize = uint32(bytes, 0);
  if (boxSize < 16 || boxSize > bytes.length || (boxSize - 16) % 4 !== 0) return false;
  const majorBrand = ascii(bytes, 8, 12);
  const brands = [majorBrand];
  for (let offset = 16; offset < boxSize; offset += 4) brands.push(ascii(bytes, offset, offset + 4));
  return !HEVC_BRANDS.has(majorBrand) && brands.some((brand) => AVIF_BRANDS.has(brand));
}

/**
 * Identifies an image by its leading bytes (magic numbers), ignoring any file name or declared
 * content type. Text, HTML, SVG and other XML, HEIC and anything unknown give `undefined`.
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
  if (isAvif(bytes)) return 'avif';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  return undefined;
}
