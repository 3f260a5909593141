import sharp from 'sharp';
import { HALVES_RGB, LEFT_EDGE_SUBJECT, MARKER_RGB, halvesJpeg, pdfNamedJpg, photoJpeg, pixelBombPng, pngWithAlpha, subjectNearLeftEdgeJpeg, textFileNamedJpg } from '../../src';

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

  it.each([1, 6, 8] as const)('halvesJpeg with orientation %i is red on the left and blue on the right once upright', async (orientation) => {
    const jpeg = await halvesJpeg({ width: 60, height: 40, orientation });
    expect((await sharp(jpeg).metadata()).width).toBe(orientation === 1 ? 60 : 40);
    const { data, info } = await sharp(jpeg).autoOrient().raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([60, 40]);
    const at = (x: number, y: number) => [...data.subarray((y * 60 + x) * 3, (y * 60 + x) * 3 + 3)];
    expect(at(5, 20)[0]).toBeGreaterThan(200);
    expect(at(54, 20)[2]).toBeGreaterThan(200);
    expect(HALVES_RGB.left).toEqual({ r: 255, g: 0, b: 0 });
  });

  it('subjectNearLeftEdgeJpeg is grey but for a colourful patch outside the centred square', async () => {
    const { data, info } = await sharp(await subjectNearLeftEdgeJpeg({ width: 300, height: 100 })).raw().toBuffer({ resolveWithObject: true });
    const colourfulColumns = new Set<number>();
    for (let i = 0; i < data.length; i += 3) {
      if (Math.max(data[i]!, data[i + 1]!, data[i + 2]!) - Math.min(data[i]!, data[i + 1]!, data[i + 2]!) > 100) colourfulColumns.add((i / 3) % info.width);
    }
    expect(Math.min(...colourfulColumns)).toBeGreaterThanOrEqual(Math.floor(LEFT_EDGE_SUBJECT.left * 300) - 2);
    expect(Math.max(...colourfulColumns)).toBeLessThan(100);
  });
});
