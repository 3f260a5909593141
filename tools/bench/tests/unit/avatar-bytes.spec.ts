import { renderAvatarRenditions } from '@cruddur/media/image';
import { photoJpeg } from '@cruddur/testing/images';
import { existsSync, readFileSync } from 'node:fs';
import sharp from 'sharp';
import { ssim } from 'ssim.js';
import { BYTES_PHOTOS, SWEPT_ENCODERS, benchAvatarBytes, cheapestAtSsim, originalAppAvatar, originalAppEncoding, referenceSquare } from '../../src/avatar-bytes';

const toRgba = async (image: Buffer, raw?: { width: number; height: number; channels: 3 | 4 }) => {
  const { data, info } = await sharp(image, raw ? { raw } : undefined).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
};

describe('originalAppAvatar', () => {
  it("is the original app's output: a 512 square JPEG", async () => {
    const avatar = await originalAppAvatar(await photoJpeg({ width: 900, height: 600 }));
    expect(await sharp(avatar).metadata()).toMatchObject({ format: 'jpeg', width: 512, height: 512 });
  });
});

describe('referenceSquare', () => {
  it("is the handler's framing: its rendition matches it, and not the original's centre crop", async () => {
    // The old reference was the centre square: against it the handler's (attention-framed) renditions
    // scored an SSIM of 0.1–0.3 on these photos, a comparison of two different pictures.
    for (const photo of BYTES_PHOTOS) {
      const bytes = readFileSync(photo.file);
      const square = await referenceSquare(bytes);
      expect(square).toMatchObject({ width: 512, height: 512 });
      const ours = (await renderAvatarRenditions(bytes, { sizes: [512] })).find((r) => r.format === 'jpeg')!;
      const rendition = await toRgba(ours.body);
      const centre = await sharp(bytes).resize(512, 512).raw().toBuffer();
      expect(ssim(await toRgba(square.data, square), rendition).mssim).toBeGreaterThan(0.98);
      expect(ssim(await toRgba(centre, { width: 512, height: 512, channels: 3 }), rendition).mssim).toBeLessThan(0.5);
    }
  }, 60_000);
});

describe('cheapestAtSsim', () => {
  const photo = BYTES_PHOTOS[1]!;

  it('finds the lowest quality that reaches the floor: the one below it does not', async () => {
    const square = await referenceSquare(readFileSync(photo.file));
    const reference = await toRgba(square.data, square);
    const original = await originalAppEncoding(square);
    const floor = ssim(reference, await toRgba(original)).mssim;
    const encoder = SWEPT_ENCODERS.find((e) => e.name === 'mozjpeg progressive (ours)')!;
    const found = await cheapestAtSsim(encoder, square, reference, floor);
    expect(found).toBeDefined();
    expect(found!.ssim).toBeGreaterThanOrEqual(floor);
    const below = await encoder.encode(sharp(square.data, { raw: square }), found!.quality - 1).toBuffer();
    expect(ssim(reference, await toRgba(below)).mssim).toBeLessThan(floor);
  }, 60_000);

  it('is undefined when no quality reaches the floor', async () => {
    const square = await referenceSquare(await photoJpeg({ width: 800, height: 600 }));
    const reference = await toRgba(square.data, square);
    await expect(cheapestAtSsim(SWEPT_ENCODERS[0]!, square, reference, 1.01, [80, 90])).resolves.toBeUndefined();
  });
});

describe('benchAvatarBytes', () => {
  it('has its photos in the repository', () => {
    for (const p of BYTES_PHOTOS) expect(existsSync(p.file)).toBe(true);
  });

  it("judges both byte ratios and both SSIMs against the original app's encoder on the same square", async () => {
    const rows = await benchAvatarBytes(BYTES_PHOTOS[0]!, { sweep: 'ours' });
    const judged = rows.filter((row) => row.target);
    const label = 'landscape photo (1800×1200), 512 px';
    expect(judged.map((row) => row.measure)).toEqual([
      `${label}: our WebP / original's bytes`,
      `${label}: our JPEG / original's bytes`,
      `${label}: our WebP's SSIM, no lower than the original's`,
      `${label}: our JPEG's SSIM, no lower than the original's`,
    ]);
    expect(rows.every((row) => row.section === 'avatar bytes')).toBe(true);
    const original = rows.find((row) => row.measure.endsWith("original's SSIM"));
    expect(original?.value).toBeGreaterThan(0.9);
    expect(original?.value).toBeLessThanOrEqual(1);
    // The SSIM bounds are the original's own figure from the same run.
    expect(judged[2]?.target).toEqual({ op: '>=', value: original?.value });
    // The sweep of the handler's own two settings: info rows (no target) with the quality they needed.
    const swept = rows.filter((row) => row.measure.includes("at the original's SSIM"));
    expect(swept.map((row) => row.measure.split(': ')[1])).toEqual([
      "mozjpeg progressive (ours) at the original's SSIM / original's bytes",
      "WebP effort 4 (ours) at the original's SSIM / original's bytes",
    ]);
    for (const row of swept) {
      expect(row.target).toBeUndefined();
      expect(row.note).toMatch(/^info: q\d+, SSIM 0\.\d{4}$/);
    }
  }, 60_000);
});
