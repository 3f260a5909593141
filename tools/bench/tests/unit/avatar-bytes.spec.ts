import { photoJpeg } from '@cruddur/testing/images';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { benchAvatarBytes, originalAppAvatar } from '../../src/avatar-bytes';

describe('originalAppAvatar', () => {
  it("is the original app's output: a 512 square JPEG", async () => {
    const avatar = await originalAppAvatar(await photoJpeg({ width: 900, height: 600 }));
    expect(await sharp(avatar).metadata()).toMatchObject({ format: 'jpeg', width: 512, height: 512 });
  });
});

describe('benchAvatarBytes', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'avatar-bytes-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('judges both byte ratios and both SSIMs against the original app, with an SSIM in (0, 1]', async () => {
    const file = path.join(dir, 'photo.jpg');
    const bytes = await photoJpeg({ width: 900, height: 600, exif: true });
    writeFileSync(file, bytes);
    const rows = await benchAvatarBytes({ name: 'p', label: '1 MP JPEG', extension: 'jpg', contentType: 'image/jpeg', megapixels: 1, file, bytes: bytes.byteLength });
    const judged = rows.filter((row) => row.target);
    expect(judged.map((row) => row.measure)).toEqual([
      "1 MP JPEG, 512 px: our WebP / original's bytes",
      "1 MP JPEG, 512 px: our JPEG / original's bytes",
      "1 MP JPEG, 512 px: our WebP's SSIM, no lower than the original's",
      "1 MP JPEG, 512 px: our JPEG's SSIM, no lower than the original's",
    ]);
    expect(judged.every((row) => row.goal === 'bytes-per-avatar')).toBe(true);
    const original = rows.find((row) => row.measure.endsWith("original's SSIM"));
    expect(original?.value).toBeGreaterThan(0.5);
    expect(original?.value).toBeLessThanOrEqual(1);
    // The SSIM bounds are the original's own figure from the same run.
    expect(judged[2]?.target).toEqual({ op: '>=', value: original?.value });
  });
});
