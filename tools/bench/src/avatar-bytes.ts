import { DEFAULT_MAX_INPUT_PIXELS, decodeAvatarSquare, renderAvatarRenditions } from '@cruddur/media/image';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { ssim } from 'ssim.js';
import { WORKSPACE_ROOT } from './paths';
import type { Measurement } from './report';
import { TARGETS } from './targets';

const SIZE = 512;

/** A photograph target 6 is judged on. */
export interface BytesPhoto {
  /** e.g. `landscape photo (1800×1200)` */
  label: string;
  file: string;
}

const PHOTOS_DIR = path.join(WORKSPACE_ROOT, 'tools/bench/fixtures/photos');

/**
 * Real photographs (tools/bench/fixtures/photos/README.md): an encoder's bytes at a given SSIM
 * depend on what photos hold, which the generated inputs (gradients, a block texture, noise) lack.
 */
export const BYTES_PHOTOS: readonly BytesPhoto[] = Object.freeze([
  { label: 'landscape photo (1800×1200)', file: path.join(PHOTOS_DIR, 'landscape.jpg') },
  { label: 'portrait photo (1200×1800)', file: path.join(PHOTOS_DIR, 'portrait.jpg') },
]);

type Rgba = { data: Uint8ClampedArray; width: number; height: number };
type Raw = { data: Buffer; width: number; height: number; channels: 3 | 4 };

/** An image decoded to `SIZE`×`SIZE` RGBA, as ssim.js reads it. */
async function rgba(image: Buffer | Sharp): Promise<Rgba> {
  const pipeline = Buffer.isBuffer(image) ? sharp(image) : image;
  const { data, info } = await pipeline.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  if (info.width !== SIZE || info.height !== SIZE) throw new Error(`expected a ${SIZE} square, got ${info.width}×${info.height}`);
  return { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
}

/**
 * The original app's avatar: sharp `resize(512, 512)` of the upload (a centre crop), then JPEG
 * quality 80 (libjpeg-turbo, sharp's defaults otherwise).
 */
export function originalAppAvatar(input: Buffer): Promise<Buffer> {
  return sharp(input).resize(SIZE, SIZE).jpeg({ quality: 80 }).toBuffer();
}

/**
 * The square every encoding is judged against: the handler's own decode of the upload
 * (`decodeAvatarSquare`: upright, framed by attention, 512 px), never encoded. The handler's 512
 * renditions are encodings of exactly these pixels.
 */
export async function referenceSquare(input: Buffer): Promise<Raw> {
  const { pixels, width, height, channels } = await decodeAvatarSquare(input, SIZE, DEFAULT_MAX_INPUT_PIXELS);
  return { data: pixels, width, height, channels };
}

const fromRaw = (square: Raw) => sharp(square.data, { raw: { width: square.width, height: square.height, channels: square.channels } });

/**
 * The original app's encoder (JPEG q80, libjpeg-turbo, sharp's defaults) on the reference square:
 * its output with the handler's framing, so that only the encodings differ (a centre crop of a
 * framed photo is another picture, and its SSIM against the framed square says nothing).
 */
export function originalAppEncoding(square: Raw): Promise<Buffer> {
  return fromRaw(square).jpeg({ quality: 80 }).toBuffer();
}

/** An encoder setting the sweep tries at every quality. */
interface SweptEncoder {
  name: string;
  encode: (image: Sharp, quality: number) => Sharp;
}

/** What the sweep tries: the handler's two settings, and what target 6 suggests looking at. */
export const SWEPT_ENCODERS: readonly SweptEncoder[] = Object.freeze([
  { name: 'mozjpeg progressive (ours)', encode: (image, quality) => image.jpeg({ quality, progressive: true, mozjpeg: true }) },
  { name: 'mozjpeg, Annex K tables', encode: (image, quality) => image.jpeg({ quality, progressive: true, mozjpeg: true, quantisationTable: 0 }) },
  { name: 'mozjpeg, MS-SSIM tables', encode: (image, quality) => image.jpeg({ quality, progressive: true, mozjpeg: true, quantisationTable: 2 }) },
  { name: 'libjpeg-turbo progressive', encode: (image, quality) => image.jpeg({ quality, progressive: true }) },
  { name: 'WebP effort 4 (ours)', encode: (image, quality) => image.webp({ quality, effort: 4 }) },
  { name: 'WebP effort 6', encode: (image, quality) => image.webp({ quality, effort: 6 }) },
  { name: 'WebP effort 6, smartSubsample', encode: (image, quality) => image.webp({ quality, effort: 6, smartSubsample: true }) },
  { name: 'WebP effort 4, preset photo', encode: (image, quality) => image.webp({ quality, effort: 4, preset: 'photo' }) },
]);

/** The qualities the sweep climbs through: from below the handler's 80 up to 100. */
const SWEEP_QUALITIES: readonly number[] = Object.freeze(Array.from({ length: 25 }, (_, i) => 76 + i));

/**
 * The lowest quality of `encoder` whose SSIM against `reference` is at least `floor`, and its
 * bytes; `undefined` when not even the highest quality reaches it. SSIM rises with quality for
 * these encoders, so a bisection over `qualities` (ascending) finds it in a handful of encodes.
 */
export async function cheapestAtSsim(
  encoder: SweptEncoder,
  square: Raw,
  reference: Rgba,
  floor: number,
  qualities: readonly number[] = SWEEP_QUALITIES,
): Promise<{ quality: number; bytes: number; ssim: number } | undefined> {
  const tried = new Map<number, { quality: number; bytes: number; ssim: number }>();
  const at = async (index: number) => {
    const quality = qualities[index] as number;
    let result = tried.get(quality);
    if (!result) {
      const body = await encoder.encode(fromRaw(square), quality).toBuffer();
      result = { quality, bytes: body.byteLength, ssim: ssim(reference, await rgba(body)).mssim };
      tried.set(quality, result);
    }
    return result;
  };
  let low = 0;
  let high = qualities.length - 1;
  if ((await at(high)).ssim < floor) return undefined;
  // Invariant: qualities[high] reaches the floor; every index below low does not.
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if ((await at(middle)).ssim >= floor) high = middle;
    else low = middle + 1;
  }
  return at(high);
}

/**
 * Bytes and SSIM of the handler's 512 renditions and of the original app's encoder, all against
 * one reference square (the handler's framing, never encoded), plus the sweep: for each encoder
 * setting, the fewest bytes at an SSIM no lower than the original's, as info rows (`ours`: the
 * handler's two settings only, as `--quick` runs it).
 */
export async function benchAvatarBytes(photo: BytesPhoto, options: { sweep?: 'ours' | 'all' | 'none' } = {}): Promise<Measurement[]> {
  const bytes = readFileSync(photo.file);
  const square = await referenceSquare(bytes);
  const reference = await rgba(fromRaw(square));
  const original = await originalAppEncoding(square);
  const centred = await originalAppAvatar(bytes);
  const ours = await renderAvatarRenditions(bytes, { sizes: [SIZE] });
  const webp = ours.find((r) => r.format === 'webp');
  const jpeg = ours.find((r) => r.format === 'jpeg');
  if (!webp || !jpeg) throw new Error('the renditions lack a 512 WebP or JPEG');
  const quality = async (encoded: Buffer) => ssim(reference, await rgba(encoded)).mssim;
  const [originalSsim, webpSsim, jpegSsim] = await Promise.all([quality(original), quality(webp.body), quality(jpeg.body)]);
  const section = 'avatar bytes' as const;
  const label = `${photo.label}, 512 px`;
  const kb = (n: number) => n / 1000;
  const rows: Measurement[] = [
    { section, measure: `${label}: original app's JPEG q80 (its centre crop)`, value: kb(centred.byteLength), unit: 'KB', note: 'info: the framing differs, so no SSIM' },
    { section, measure: `${label}: original app's JPEG q80 of the framed square`, value: kb(original.byteLength), unit: 'KB', note: `SSIM ${originalSsim.toFixed(4)}` },
    { section, measure: `${label}: our WebP`, value: kb(webp.body.byteLength), unit: 'KB', note: `SSIM ${webpSsim.toFixed(4)}` },
    { section, measure: `${label}: our JPEG`, value: kb(jpeg.body.byteLength), unit: 'KB', note: `SSIM ${jpegSsim.toFixed(4)}` },
    { section, measure: `${label}: our WebP / original's bytes`, value: webp.body.byteLength / original.byteLength, unit: 'x', target: { op: '<=', value: TARGETS.webpOverOriginalBytes }, goal: 'bytes-per-avatar' },
    { section, measure: `${label}: our JPEG / original's bytes`, value: jpeg.body.byteLength / original.byteLength, unit: 'x', target: { op: '<=', value: TARGETS.jpegOverOriginalBytes }, goal: 'bytes-per-avatar' },
    { section, measure: `${label}: original's SSIM`, value: originalSsim, unit: 'SSIM', goal: 'bytes-per-avatar' },
    { section, measure: `${label}: our WebP's SSIM, no lower than the original's`, value: webpSsim, unit: 'SSIM', target: { op: '>=', value: originalSsim }, goal: 'bytes-per-avatar' },
    { section, measure: `${label}: our JPEG's SSIM, no lower than the original's`, value: jpegSsim, unit: 'SSIM', target: { op: '>=', value: originalSsim }, goal: 'bytes-per-avatar' },
  ];
  const sweep = options.sweep ?? 'all';
  if (sweep !== 'none') {
    for (const encoder of SWEPT_ENCODERS.filter((e) => sweep === 'all' || e.name.endsWith('(ours)'))) {
      const cheapest = await cheapestAtSsim(encoder, square, reference, originalSsim);
      // Not reached by q100 is a setting this photo rules out: it gets no row rather than a made-up figure.
      if (!cheapest) continue;
      rows.push({ section, measure: `${label}: ${encoder.name} at the original's SSIM / original's bytes`, value: cheapest.bytes / original.byteLength, unit: 'x', note: `info: q${cheapest.quality}, SSIM ${cheapest.ssim.toFixed(4)}`, goal: 'bytes-per-avatar' });
    }
  }
  return rows;
}
