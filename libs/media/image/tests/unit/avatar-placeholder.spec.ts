import { MARKER_RGB, photoJpeg, pngWithAlpha } from '@cruddur/testing/images';
import sharp from 'sharp';
import { rgbaToThumbHash, thumbHashToAverageRGBA, thumbHashToRGBA } from 'thumbhash';
import { isAvatarPlaceholder } from '@cruddur/shared/contract';
import { CorruptImageError, UnsupportedImageError, startAvatarRendering } from '../../src';
import { avatarPlaceholder } from '../../src/avatar-placeholder';
import { colourDistance, meanColour, pixelAt } from '../helpers/pixels';

const bytesOf = (placeholder: string) => Buffer.from(placeholder, 'base64');

/** The colour a decoded ThumbHash paints at a fraction (`fx`, `fy`) of its width and height. */
function placeholderPixel(placeholder: string, fx: number, fy: number): number[] {
  const { w, h, rgba } = thumbHashToRGBA(bytesOf(placeholder));
  const offset = (Math.floor(fy * h) * w + Math.floor(fx * w)) * 4;
  return [...rgba.subarray(offset, offset + 4)];
}

/** A `width`×`height` PNG, its left part one colour and its right part another. */
async function twoColourPng(width: number, height: number, left: readonly number[], right: readonly number[], split = 0.5): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i += 1) pixels.set(i % width < width * split ? left : right, i * 3);
  return sharp(pixels, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

describe('avatarPlaceholder', () => {
  it('is a ThumbHash of a one-colour square that decodes to that colour, in standard base64 the contract takes', async () => {
    const placeholder = await avatarPlaceholder({ pixels: Buffer.alloc(512 * 512 * 3, Buffer.from([30, 90, 200])), width: 512, height: 512, channels: 3 });
    expect(isAvatarPlaceholder(placeholder)).toBe(true);
    expect(bytesOf(placeholder)).toHaveLength(24);
    const { r, g, b, a } = thumbHashToAverageRGBA(bytesOf(placeholder));
    expect(colourDistance([r * 255, g * 255, b * 255], { r: 30, g: 90, b: 200 })).toBeLessThan(12);
    expect(a).toBe(1);
  });

  it('decodes close to what ThumbHash makes of the full 100×100 it allows, from its 32×32 input', async () => {
    const upload = await photoJpeg({ width: 512, height: 512 });
    const rgb = await sharp(upload).removeAlpha().raw().toBuffer();
    const ours = thumbHashToRGBA(bytesOf(await avatarPlaceholder({ pixels: rgb, width: 512, height: 512, channels: 3 })));
    const full = thumbHashToRGBA(rgbaToThumbHash(100, 100, await sharp(upload).ensureAlpha().resize(100, 100).raw().toBuffer()));
    expect([ours.w, ours.h]).toEqual([full.w, full.h]);
    let sum = 0;
    let worst = 0;
    for (let i = 0; i < ours.rgba.length; i += 1) {
      const diff = Math.abs(ours.rgba[i]! - full.rgba[i]!);
      sum += diff;
      worst = Math.max(worst, diff);
    }
    // Measured: 2.4 levels on average, 14 at worst (ThumbHash keeps ~7×7 coefficients: 16 px was as close).
    expect(sum / ours.rgba.length).toBeLessThan(3);
    expect(worst).toBeLessThanOrEqual(16);
  });

  it('keeps transparency, and takes squares smaller than its 32×32 input', async () => {
    const pixels = Buffer.alloc(16 * 16 * 4, Buffer.from([255, 0, 0, 0]));
    const placeholder = await avatarPlaceholder({ pixels, width: 16, height: 16, channels: 4 });
    expect(bytesOf(placeholder)).toHaveLength(25);
    expect(thumbHashToAverageRGBA(bytesOf(placeholder)).a).toBeLessThan(0.05);
  });
});

describe('startAvatarRendering', () => {
  it('hands over the renditions and a placeholder of the same square: a left-red, right-blue photo paints red left, blue right', async () => {
    // Square, so no framing choice: the avatar is the whole photo.
    const upload = await twoColourPng(600, 600, [220, 20, 20], [20, 20, 220]);
    const { renditions, placeholder } = await startAvatarRendering(upload);
    const [webp512] = await Promise.all(renditions);
    expect(colourDistance(placeholderPixel(await placeholder, 0.1, 0.5), { r: 220, g: 20, b: 20 })).toBeLessThan(60);
    expect(colourDistance(placeholderPixel(await placeholder, 0.9, 0.5), { r: 20, g: 20, b: 220 })).toBeLessThan(60);
    // The rendition is the same framing: half red, half blue, so its mean is their mix.
    expect(colourDistance(Object.values(await meanColour(webp512!.body)), { r: 120, g: 20, b: 120 })).toBeLessThan(12);
  });

  it('frames the placeholder as the renditions are framed, whatever part of a wide photo the square keeps', async () => {
    // 900×300 with a red left sixth: the square may keep the red or not, but both must agree.
    const upload = await twoColourPng(900, 300, [220, 20, 20], [20, 160, 20], 1 / 6);
    const { renditions, placeholder } = await startAvatarRendering(upload, { sizes: [128] });
    const [webp] = await Promise.all(renditions);
    for (const fx of [0.05, 0.5, 0.95]) {
      const rendered = await pixelAt(webp!.body, Math.floor(fx * 128), 64);
      expect(colourDistance(placeholderPixel(await placeholder, fx, 0.5), { r: rendered[0]!, g: rendered[1]!, b: rendered[2]! })).toBeLessThan(70);
    }
  });

  it('is a placeholder of the upright photo (EXIF orientation applied before hashing)', async () => {
    // Orientation 6: the stored left edge (red marker) is the top of the upright picture.
    const upload = await photoJpeg({ width: 600, height: 600, orientation: 6, markLeftEdge: true });
    const { renditions, placeholder } = await startAvatarRendering(upload, { sizes: [128] });
    await Promise.all(renditions);
    const top = placeholderPixel(await placeholder, 0.5, 0.05);
    const left = placeholderPixel(await placeholder, 0.05, 0.5);
    expect(colourDistance(top, MARKER_RGB)).toBeLessThan(80);
    expect(colourDistance(left, MARKER_RGB)).toBeGreaterThan(colourDistance(top, MARKER_RGB) + 60);
  });

  it('fails like startAvatarRenditions on an upload that is not an image, before handing anything over', async () => {
    await expect(startAvatarRendering(Buffer.from('not an image'))).rejects.toThrow(UnsupportedImageError);
    await expect(startAvatarRendering((await pngWithAlpha()).subarray(0, 200))).rejects.toThrow(CorruptImageError);
  });
});
