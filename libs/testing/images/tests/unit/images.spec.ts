import sharp from 'sharp';
import { MARKER_RGB, pdfNamedJpg, photoJpeg, pixelBombPng, pngWithAlpha, textFileNamedJpg } from '../../src';

describe('image fixtures', () => {
  it('photoJpeg is a JPEG of the size asked, with EXIF when asked', async () => {
    const jpeg = await photoJpeg({ width: 64, height: 48, exif: true, orientation: 6 });
    const meta = await sharp(jpeg).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 64, height: 48, orientation: 6 });
    expect(meta.exif).toBeDefined();
  });

  it('photoJpeg paints the left edge with the marker colour', async () => {
    const { data } = await sharp(await photoJpeg({ width: 60, height: 30, markLeftEdge: true })).raw().toBuffer({ resolveWithObject: true });
    expect(Math.abs(data[0]! - MARKER_RGB.r) + Math.abs(data[1]! - MARKER_RGB.g) + Math.abs(data[2]! - MARKER_RGB.b)).toBeLessThan(60);
  });

  it('pixelBombPng declares huge dimensions in a few bytes', async () => {
    const png = pixelBombPng();
    expect(png.byteLength).toBeLessThan(1024 * 1024);
    expect(await sharp(png, { limitInputPixels: false }).metadata()).toMatchObject({ format: 'png', width: 20_000, height: 20_000 });
  });

  it('pngWithAlpha has an alpha channel; textFileNamedJpg is no image at all', async () => {
    expect((await sharp(await pngWithAlpha({ width: 40, height: 40 })).metadata()).hasAlpha).toBe(true);
    await expect(sharp(textFileNamedJpg()).metadata()).rejects.toThrow();
  });

  it('pdfNamedJpg is a well-formed PDF (its xref points at its objects) that sharp does not read', async () => {
    const pdf = pdfNamedJpg().toString('latin1');
    expect(pdf.startsWith('%PDF-1.4\n')).toBe(true);
    const xref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(pdf)?.[1]);
    expect(pdf.slice(xref, xref + 4)).toBe('xref');
    const offsets = [...pdf.slice(xref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(offsets.map((offset) => pdf.slice(offset, offset + 7))).toEqual(['1 0 obj', '2 0 obj', '3 0 obj']);
    await expect(sharp(pdfNamedJpg()).metadata()).rejects.toThrow();
  });
});
