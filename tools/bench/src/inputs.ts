import { photoJpeg } from '@cruddur/testing/images';
import type { UploadExtension } from '@cruddur/storage/s3-keys';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

/** One generated upload the thumbnail contenders all process. */
export interface BenchInput {
  name: string;
  /** e.g. `12 MP JPEG (4000×3000, EXIF)` */
  label: string;
  extension: UploadExtension;
  contentType: string;
  megapixels: number;
  file: string;
  bytes: number;
}

interface InputSpec {
  name: string;
  format: 'jpeg' | 'png' | 'webp';
  width: number;
  height: number;
}

/** Photo-like originals: phone JPEGs of three sizes (with EXIF), a screenshot-sized PNG, a WebP. */
const INPUT_SPECS: readonly InputSpec[] = Object.freeze([
  { name: 'jpeg-2mp', format: 'jpeg', width: 1632, height: 1224 },
  { name: 'jpeg-12mp', format: 'jpeg', width: 4000, height: 3000 },
  { name: 'jpeg-24mp', format: 'jpeg', width: 6000, height: 4000 },
  { name: 'png-2mp', format: 'png', width: 1600, height: 1200 },
  { name: 'webp-12mp', format: 'webp', width: 4000, height: 3000 },
]);

/** The input the handler-over-naive target is judged on. */
export const JUDGED_INPUT = 'jpeg-12mp';
/** The input the memory target is judged on. */
export const MEMORY_INPUT = 'jpeg-24mp';

const FORMAT = {
  jpeg: { extension: 'jpg', contentType: 'image/jpeg' },
  png: { extension: 'png', contentType: 'image/png' },
  webp: { extension: 'webp', contentType: 'image/webp' },
} as const;

async function encode(spec: InputSpec): Promise<Buffer> {
  // q85 is what phones write; it keeps a 24 MP photo near 7 MB, under the 10 MB upload cap.
  const jpeg = await photoJpeg({ width: spec.width, height: spec.height, exif: true, quality: 85 });
  if (spec.format === 'jpeg') return jpeg;
  const image = sharp(jpeg);
  return spec.format === 'png' ? image.png().toBuffer() : image.webp({ quality: 85 }).toBuffer();
}

/**
 * Generates every input into `dir` (deterministic bytes: the same inputs on every run).
 *
 * @example
 * const inputs = await generateInputs('tmp/bench/inputs');
 */
export async function generateInputs(dir: string): Promise<BenchInput[]> {
  mkdirSync(dir, { recursive: true });
  const inputs: BenchInput[] = [];
  for (const spec of INPUT_SPECS) {
    const body = await encode(spec);
    const { extension, contentType } = FORMAT[spec.format];
    const file = path.join(dir, `${spec.name}.${extension}`);
    writeFileSync(file, body);
    const megapixels = Math.round((spec.width * spec.height) / 1e6);
    inputs.push({
      name: spec.name,
      label: `${megapixels} MP ${spec.format.toUpperCase()}`,
      extension,
      contentType,
      megapixels,
      file,
      bytes: body.byteLength,
    });
  }
  return inputs;
}
