import sharp from 'sharp';

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

/** The channel values of the pixel at (`x`, `y`) of an encoded image or of raw pixels. */
export async function pixelAt(
  image: Buffer,
  x: number,
  y: number,
  raw?: { width: number; height: number; channels: 3 | 4 },
): Promise<number[]> {
  const { data, info } = await sharp(image, raw ? { raw } : undefined)
    .raw()
    .toBuffer({ resolveWithObject: true });
  const offset = (y * info.width + x) * info.channels;
  return [...data.subarray(offset, offset + info.channels)];
}

/** The largest per-channel difference between a pixel and an expected colour. */
export function colourDistance([r = 0, g = 0, b = 0]: readonly number[], expected: Rgb): number {
  return Math.max(Math.abs(r - expected.r), Math.abs(g - expected.g), Math.abs(b - expected.b));
}

/** The mean colour of an encoded image. */
export async function meanColour(image: Buffer): Promise<Rgb> {
  const [r, g, b] = (await sharp(image).stats()).channels.map((channel) => channel.mean);
  return { r: r ?? NaN, g: g ?? NaN, b: b ?? NaN };
}
