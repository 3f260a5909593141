import { readFileSync } from 'node:fs';
import type { RawImage } from './decode-avatar-square';
import { CorruptImageError, HeifResourceError, ImageTooLargeError, UnsupportedImageError } from './errors';

/**
 * Past this WebAssembly heap size a decoder instance is dropped after its decode and the next one
 * starts fresh: the heap never shrinks, so one odd, huge upload must not pin its peak for the
 * life of the process. A 12 MP photo needs about 100 MB.
 */
const HEIF_HEAP_RECYCLE_BYTES = 256 * 1024 * 1024;

interface Enum {
  value: number;
}
interface HeifError {
  code: Enum;
  subcode: Enum;
  message: string;
}
interface DecodedChannel {
  id: Enum;
  width: number;
  height: number;
  stride: number;
  data: Uint8Array;
}
interface DecodedImage {
  image: object;
  channels: DecodedChannel[];
}

/** The part of libheif-js's embind API this module uses (its `.d.ts` types most of it `any`). */
interface Libheif {
  HEAPU8: Uint8Array;
  heif_error_code: Record<'heif_error_Ok' | 'heif_error_Unsupported_filetype' | 'heif_error_Unsupported_feature' | 'heif_error_Memory_allocation_error', Enum>;
  heif_suberror_code: Record<'heif_suberror_Security_limit_exceeded', Enum>;
  heif_colorspace: Record<'heif_colorspace_RGB', Enum>;
  heif_chroma: Record<'heif_chroma_interleaved_RGB' | 'heif_chroma_interleaved_RGBA', Enum>;
  heif_channel: Record<'heif_channel_interleaved', Enum>;
  heif_context_alloc(): object | null;
  heif_context_free(context: object): void;
  heif_context_read_from_memory(context: object, bytes: Uint8Array): HeifError;
  heif_js_context_get_primary_image_handle(context: object): object | HeifError;
  heif_image_handle_get_width(handle: object): number;
  heif_image_handle_get_height(handle: object): number;
  heif_image_handle_has_alpha_channel(handle: object): number;
  heif_image_handle_release(handle: object): void;
  heif_js_decode_image2(handle: object, colorspace: Enum, chroma: Enum): DecodedImage | HeifError;
  heif_image_release(image: object): void;
}

let wasmBinary: Buffer | undefined;
let instance: Promise<Libheif> | undefined;
let loaded: Libheif | undefined;

// Loaded on the first HEIC only (the thumbnail bundle keeps libheif-js external), so a JPEG's cold
// start neither parses its 92 KB of JS glue nor compiles its 1.4 MB of WebAssembly.
function libheif(): Promise<Libheif> {
  instance ??= import('libheif-js/libheif-wasm/libheif.js').then(async ({ default: factory }) => {
    wasmBinary ??= readFileSync(require.resolve('libheif-js/libheif-wasm/libheif.wasm'));
    loaded = await (factory as unknown as (options: { wasmBinary: Uint8Array }) => Libheif | Promise<Libheif>)({ wasmBinary });
    return loaded;
  });
  instance.catch(() => {
    instance = undefined;
  });
  return instance;
}

/** Forgets `lib` so the next decode starts a fresh instance; the old heap goes with the garbage. */
function retire(lib: Libheif): void {
  if (loaded !== lib) return;
  loaded = undefined;
  instance = undefined;
}

function isHeifError(value: object): value is HeifError {
  return 'code' in value && 'message' in value;
}

function imageErrorOf(lib: Libheif, error: HeifError): Error {
  const { code, subcode, message } = error;
  const cause = new Error(`libheif: ${message}`);
  if (subcode.value === lib.heif_suberror_code.heif_suberror_Security_limit_exceeded.value) return new ImageTooLargeError(undefined, { cause });
  // Out of memory is the machine's failure, not the image's: it must surface so the event is retried.
  if (code.value === lib.heif_error_code.heif_error_Memory_allocation_error.value) return new HeifResourceError(cause.message, { cause });
  if (code.value === lib.heif_error_code.heif_error_Unsupported_filetype.value || code.value === lib.heif_error_code.heif_error_Unsupported_feature.value) {
    return new UnsupportedImageError(undefined, { cause });
  }
  return new CorruptImageError(undefined, { cause });
}

/** Copies the interleaved plane out of the WebAssembly heap, dropping any row padding. */
function copyPixels(lib: Libheif, decoded: DecodedImage, channels: 3 | 4): RawImage {
  const plane = decoded.channels.find((channel) => channel.id.value === lib.heif_channel.heif_channel_interleaved.value);
  if (!plane) throw new CorruptImageError('Expected the decoded HEIF image to have interleaved pixels');
  const { width, height, stride, data } = plane;
  const row = width * channels;
  const pixels = Buffer.allocUnsafe(row * height);
  if (stride === row) pixels.set(data.subarray(0, row * height));
  else for (let y = 0; y < height; y += 1) pixels.set(data.subarray(y * stride, y * stride + row), y * row);
  return { pixels, width, height, channels };
}

const ISPE = [0x69, 0x73, 0x70, 0x65]; // 'ispe'

/**
 * The largest coded size any `ispe` (image spatial extents) property of the file declares, in
 * pixels. libheif's handle reports the size after the container's transforms (a `clap` crop
 * included), so a tiny crop over a huge coded image would pass a check of the handle alone; this
 * reads every `ispe` box (20 bytes: size, type, version/flags, width, height) wherever it is.
 *
 * @example
 * largestCodedPixels(heic); // 12192768 for a 4032×3024 photo
 */
export function largestCodedPixels(input: Uint8Array): number {
  let largest = 0;
  for (let at = 4; at + 16 <= input.length; at += 1) {
    if (input[at] !== ISPE[0] || input[at + 1] !== ISPE[1] || input[at + 2] !== ISPE[2] || input[at + 3] !== ISPE[3]) continue;
    const view = new DataView(input.buffer, input.byteOffset + at - 4, 20);
    if (view.getUint32(0) !== 20 || view.getUint32(8) !== 0) continue;
    largest = Math.max(largest, view.getUint32(12) * view.getUint32(16));
  }
  return largest;
}

function decodeWith(lib: Libheif, input: Uint8Array, maxInputPixels: number): RawImage {
  // Before libheif parses anything: a coded image (or tile) over the limit is never decoded.
  if (largestCodedPixels(input) > maxInputPixels) throw new ImageTooLargeError();
  const context = lib.heif_context_alloc();
  if (!context) throw new Error('libheif: could not allocate a context');
  let handle: object | undefined;
  try {
    const read = lib.heif_context_read_from_memory(context, input);
    if (read.code.value !== lib.heif_error_code.heif_error_Ok.value) throw imageErrorOf(lib, read);
    const primary = lib.heif_js_context_get_primary_image_handle(context);
    if (isHeifError(primary)) throw imageErrorOf(lib, primary);
    handle = primary;
    // The handle's size is read from the container (after irot), before any pixel is decoded.
    const width = lib.heif_image_handle_get_width(handle);
    const height = lib.heif_image_handle_get_height(handle);
    if (!width || !height) throw new CorruptImageError('Expected an image with a width and a height');
    if (width * height > maxInputPixels) throw new ImageTooLargeError();
    const channels = lib.heif_image_handle_has_alpha_channel(handle) ? 4 : 3;
    const chroma = channels === 4 ? lib.heif_chroma.heif_chroma_interleaved_RGBA : lib.heif_chroma.heif_chroma_interleaved_RGB;
    // libheif applies the container's transforms (irot, imir, clap): the pixels come out upright.
    const decoded = lib.heif_js_decode_image2(handle, lib.heif_colorspace.heif_colorspace_RGB, chroma);
    if (isHeifError(decoded)) throw imageErrorOf(lib, decoded);
    try {
      return copyPixels(lib, decoded, channels);
    } finally {
      lib.heif_image_release(decoded.image);
    }
  } finally {
    if (handle) lib.heif_image_handle_release(handle);
    lib.heif_context_free(context);
  }
}

/**
 * Decodes the primary image of an untrusted HEIC/HEIF with libheif's WebAssembly build into 8-bit
 * RGB (RGBA when it has an alpha plane), upright by its `irot`/`imir` transforms, which HEIF makes
 * authoritative over any EXIF orientation tag (iPhones write both; applying both would turn it twice).
 * The pixel limit is checked from the container before any pixel is decoded. One decoder instance is
 * reused, every context, handle and image is freed, and the instance is dropped once its heap passes
 * `recycleHeapBytes` (default {@link HEIF_HEAP_RECYCLE_BYTES}).
 *
 * @throws {ImageTooLargeError} more than `maxInputPixels` pixels, or past libheif's security limits.
 * @throws {UnsupportedImageError} a HEIF coding libheif-js cannot decode.
 * @throws {CorruptImageError} truncated or damaged.
 * @example
 * const { pixels, width, height, channels } = await decodeHeif(upload, 50_000_000);
 * sharp(pixels, { raw: { width, height, channels } });
 */
export async function decodeHeif(
  input: Uint8Array,
  maxInputPixels: number,
  { recycleHeapBytes = HEIF_HEAP_RECYCLE_BYTES }: { recycleHeapBytes?: number } = {},
): Promise<RawImage> {
  const lib = await libheif();
  try {
    return decodeWith(lib, input, maxInputPixels);
  } catch (error) {
    // WebAssembly.RuntimeError: an abort or a trap inside the decoder.
    if (!(error instanceof Error) || error.name !== 'RuntimeError') throw error;
    // A trap leaves the instance in an unknown state: never reuse it.
    retire(lib);
    // Out of memory surfaces for a retry ("memory access out of bounds" is a trap on bad input: corrupt).
    if (/\bOOM\b|enlarge memory|out of memory/i.test(error.message)) throw new HeifResourceError(error.message, { cause: error });
    throw new CorruptImageError(undefined, { cause: error });
  } finally {
    if (lib.HEAPU8.byteLength > recycleHeapBytes) retire(lib);
  }
}

/**
 * The current decoder instance's WebAssembly heap in bytes (0 before the first HEIC): what a test
 * or the bench watches to see that repeated decodes stay bounded.
 *
 * @example
 * await decodeHeif(upload, 50_000_000);
 * heifHeapBytes(); // e.g. 134217728
 */
export function heifHeapBytes(): number {
  return loaded?.HEAPU8.byteLength ?? 0;
}
