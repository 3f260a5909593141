import { avifImage, heicFixture } from '@cruddur/testing/images';
import sharp from 'sharp';
import { renderAvatarRenditions } from '../../src';
import { detectImageType } from '../../src/detect-image-type';

async function pixelOf(body: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(body).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const offset = (y * info.width + x) * info.channels;
  return [...data.subarray(offset, offset + 3)];
}

const isRed = ([r, g, b]: number[]) => r! > 200 && g! < 50 && b! < 50;

describe('HEIC/HEIF uploads', () => {
  it('are told from AVIF by their bytes', async () => {
    expect(detectImageType(heicFixture('photo'))).toBe('heif');
    expect(detectImageType(heicFixture('iphonePortrait'))).toBe('heif');
    expect(detectImageType(await avifImage({ width: 32, height: 24 }))).toBe('avif');
  });

  it('render the same renditions as any other input: sizes, formats, sRGB, no metadata (no GPS)', async () => {
    const renditions = await renderAvatarRenditions(heicFixture('gps'));

    expect(renditions.map((r) => `${r.size}.${r.format}`)).toEqual(['512.webp', '512.jpeg', '128.webp', '128.jpeg']);
    for (const { body, size, format } of renditions) {
      const meta = await sharp(body).metadata();
      expect(meta).toMatchObject({ format, width: size, height: size, space: 'srgb', hasProfile: false });
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      expect(body.includes('GPS')).toBe(false);
      expect(body.includes('Cruddur')).toBe(false);
    }
  });

  it('come out upright from an iPhone portrait (irot and EXIF orientation 6), red band on top', async () => {
    const [webp512] = await renderAvatarRenditions(heicFixture('iphonePortrait'), { sizes: [512] });

    expect(isRed(await pixelOf(webp512!.body, 256, 12))).toBe(true);
    expect(isRed(await pixelOf(webp512!.body, 256, 500))).toBe(false);
    expect(isRed(await pixelOf(webp512!.body, 12, 256))).toBe(false);
    expect(isRed(await pixelOf(webp512!.body, 500, 256))).toBe(false);
  });

  it('use the primary image of a file with several', async () => {
    const [webp] = await renderAvatarRenditions(heicFixture('twoImagesSecondPrimary'), { sizes: [64] });
    const [r, g, b] = await pixelOf(webp!.body, 32, 32);

    expect(r).toBeLessThan(25);
    expect(g).toBeGreaterThan(135);
    expect(b).toBeLessThan(25);
  });

  it('flatten transparency onto the avatar background (white) in WebP and JPEG alike', async () => {
    const [webp, jpeg] = await renderAvatarRenditions(heicFixture('alpha'), { sizes: [128] });

    for (const body of [webp!.body, jpeg!.body]) {
      expect((await sharp(body).metadata()).hasAlpha).toBe(false);
      expect(Math.min(...(await pixelOf(body, 2, 2)))).toBeGreaterThan(235);
    }
  });
});
