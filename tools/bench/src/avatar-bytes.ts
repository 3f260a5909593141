import { renderAvatarRenditions } from '@cruddur/media/image';
import { readFileSync } from 'node:fs';
import sharp, { type Sharp } from 'sharp';
import { ssim } from 'ssim.js';
import type { BenchInput } from './inputs';
import type { Measurement } from './report';
import { TARGETS } from './targets';

const SIZE = 512;
/** The photo inputs (bench/inputs.ts names) the bytes are judged on. */
export const AVATAR_BYTES_INPUTS = Object.freeze(['jpeg-2mp', 'jpeg-12mp']);

/** An image decoded to `SIZE`×`SIZE` RGBA, as ssim.js reads it. */
async function rgba(image: Buffer | Sharp): Promise<{ data: Uint8ClampedArray; width: number; height: number }> {
  const pipeline = Buffer.isBuffer(image) ? sharp(image) : image;
  const { data, info } = await pipeline.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  if (info.width !== SIZE || info.height !== SIZE) throw new Error(`expected a ${SIZE} square, got ${info.width}×${info.height}`);
  return { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
}

/**
 * The original app's avatar: sharp `resize(512, 512)` of the upload, then JPEG quality 80
 * (libjpeg-turbo, sharp's defaults otherwise).
 */
export function originalAppAvatar(input: Buffer): Promise<Buffer> {
  return sharp(input).resize(SIZE, SIZE).jpeg({ quality: 80 }).toBuffer();
}

/**
 * Bytes and SSIM of the handler's 512 renditions and of the original app's JPEG, both against one
 * reference square: the upload's oriented centre square resized by sharp and never encoded.
 */
export async function benchAvatarBytes(input: BenchInput): Promise<Measurement[]> {
  const bytes = readFileSync(input.file);
  const reference = await rgba(sharp(bytes).autoOrient().resize(SIZE, SIZE, { fit: 'cover' }));
  const original = await originalAppAvatar(bytes);
  const ours = await renderAvatarRenditions(bytes, { sizes: [SIZE] });
  const webp = ours.find((r) => r.format === 'webp');
  const jpeg = ours.find((r) => r.format === 'jpeg');
  if (!webp || !jpeg) throw new Error('the renditions lack a 512 WebP or JPEG');
  const quality = async (encoded: Buffer) => ssim(reference, await rgba(encoded)).mssim;
  const [originalSsim, webpSsim, jpegSsim] = await Promise.all([quality(original), quality(webp.body), quality(jpeg.body)]);
  const section = 'avatar bytes' as const;
  const label = `${input.label}, 512 px`;
  const kb = (n: number) => n / 1000;
  return [
    { section, measure: `${label}: original app's JPEG q80`, value: kb(original.byteLength), unit: 'KB', note: `SSIM ${originalSsim.toFixed(4)}` },
    { section, measure: `${label}: our WebP`, value: kb(webp.body.byteLength), unit: 'KB', note: `SSIM ${webpSsim.toFixed(4)}` },
    { section, measure: `${label}: our JPEG`, value: kb(jpeg.body.byteLength), unit: 'KB', note: `SSIM ${jpegSsim.toFixed(4)}` },
    { section, measure: `${label}: our WebP / original's bytes`, value: webp.body.byteLength / original.byteLength, unit: 'x', target: { op: '<=', value: TARGETS.webpOverOriginalBytes }, goal: 'bytes-per-avatar' },
    { section, measure: `${label}: our JPEG / original's bytes`, value: jpeg.body.byteLength / original.byteLength, unit: 'x', target: { op: '<=', value: TARGETS.jpegOverOriginalBytes }, goal: 'bytes-per-avatar' },
    { section, measure: `${label}: original's SSIM`, value: originalSsim, unit: 'SSIM', goal: 'bytes-per-avatar' },
    { section, measure: `${label}: our WebP's SSIM, no lower than the original's`, value: webpSsim, unit: 'SSIM', target: { op: '>=', value: originalSsim }, goal: 'bytes-per-avatar' },
    { section, measure: `${label}: our JPEG's SSIM, no lower than the original's`, value: jpegSsim, unit: 'SSIM', target: { op: '>=', value: originalSsim }, goal: 'bytes-per-avatar' },
  ];
}
