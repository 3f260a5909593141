import { heicFixture } from '@cruddur/testing/images';
import { decodeHeif, heifHeapBytes, largestCodedPixels } from '../../src/decode-heif';
import { CorruptImageError, HeifResourceError, ImageTooLargeError } from '../../src/errors';
import { toImageError } from '../../src/to-image-error';
import type { RawImage } from '../../src/decode-avatar-square';

function pixelAt({ pixels, width, channels }: RawImage, x: number, y: number): number[] {
  const offset = (y * width + x) * channels;
  return [...pixels.subarray(offset, offset + channels)];
}

const isRed = ([r, g, b]: number[]) => r! > 230 && g! < 30 && b! < 30;

describe('decodeHeif', () => {
  it('decodes a HEIC into 8-bit RGB of its size', async () => {
    const image = await decodeHeif(heicFixture('photo'), 50_000_000);

    expect(image).toMatchObject({ width: 320, height: 240, channels: 3 });
    expect(image.pixels.byteLength).toBe(320 * 240 * 3);
    const [r, g, b] = pixelAt(image, 0, 0);
    expect(Math.abs(r! - 40)).toBeLessThan(8);
    expect(Math.abs(g! - 40)).toBeLessThan(8);
    expect(Math.abs(b! - 150)).toBeLessThan(8);
  });

  it('turns an iPhone portrait upright by its irot, once, although its EXIF orientation says the same', async () => {
    const image = await decodeHeif(heicFixture('iphonePortrait'), 50_000_000);

    expect([image.width, image.height]).toEqual([240, 320]);
    expect(isRed(pixelAt(image, 120, 10))).toBe(true);
    expect(isRed(pixelAt(image, 120, 310))).toBe(false);
    // Turned twice (irot then EXIF) the band would be on the right; not turned, on the left of a landscape.
    expect(isRed(pixelAt(image, 230, 160))).toBe(false);
    expect(isRed(pixelAt(image, 10, 160))).toBe(false);
  });

  it('takes the primary image, not the first one, of a file with several', async () => {
    const image = await decodeHeif(heicFixture('twoImagesSecondPrimary'), 50_000_000);

    expect([image.width, image.height]).toEqual([96, 96]);
    const [r, g, b] = pixelAt(image, 48, 48);
    expect(r).toBeLessThan(20);
    expect(Math.abs(g! - 160)).toBeLessThan(10);
    expect(b).toBeLessThan(20);
  });

  it('keeps an alpha plane as RGBA', async () => {
    const image = await decodeHeif(heicFixture('alpha'), 50_000_000);

    expect(image).toMatchObject({ width: 128, height: 128, channels: 4 });
    expect(pixelAt(image, 2, 2)[3]).toBeLessThan(10);
    const centre = pixelAt(image, 64, 64);
    expect(centre[3]).toBeGreaterThan(245);
    expect(Math.abs(centre[1]! - 128)).toBeLessThan(12);
  });

  it('refuses more pixels than allowed from the container, before decoding any pixel', async () => {
    await expect(decodeHeif(heicFixture('photo'), 320 * 240 - 1)).rejects.toBeInstanceOf(ImageTooLargeError);
    await expect(decodeHeif(heicFixture('photo'), 320 * 240)).resolves.toMatchObject({ width: 320 });
    // Only the header of a 12 MP file: decoding would fail as corrupt, the size check answers first.
    const header = heicFixture('photo12mp').subarray(0, 4096);
    await expect(decodeHeif(header, 12_000_000)).rejects.toBeInstanceOf(ImageTooLargeError);
    await expect(decodeHeif(header, 50_000_000)).rejects.toBeInstanceOf(CorruptImageError);
  });

  it('reads the coded size from every ispe box, not the size after a clap crop: a huge coded image is refused', () => {
    expect(largestCodedPixels(heicFixture('photo'))).toBe(320 * 240);
    expect(largestCodedPixels(heicFixture('photo12mp'))).toBeGreaterThanOrEqual(4032 * 3024);
    const ispe = (width: number, height: number, size = 20) => {
      const box = Buffer.alloc(20);
      box.writeUInt32BE(size, 0);
      box.write('ispe', 4, 'latin1');
      box.writeUInt32BE(width, 12);
      box.writeUInt32BE(height, 16);
      return box;
    };
    // A small displayed image (its handle after clap) over a 20 000 × 20 000 coded one; a decoy with another box size is ignored.
    const crafted = Buffer.concat([Buffer.alloc(7), ispe(100, 100), ispe(20_000, 20_000), ispe(90_000, 90_000, 21)]);
    expect(largestCodedPixels(crafted)).toBe(400_000_000);
    const patched = Buffer.concat([heicFixture('photo'), ispe(20_000, 20_000)]);
    return expect(decodeHeif(patched, 50_000_000)).rejects.toBeInstanceOf(ImageTooLargeError);
  });

  it('keeps an out-of-memory failure a machine failure (retried), not a corrupt image', () => {
    const oom = new HeifResourceError('Aborted(OOM)');
    expect(toImageError(oom)).toBe(oom);
  });

  it.each([
    ['truncated in its image data', () => heicFixture('photo').subarray(0, 1400)],
    ['truncated in its boxes', () => heicFixture('photo').subarray(0, 300)],
    ['an ftyp box and nothing else', () => heicFixture('photo').subarray(0, 28)],
  ])('rejects a HEIC %s as corrupt, and keeps decoding afterwards', async (_, damaged) => {
    await expect(decodeHeif(damaged(), 50_000_000)).rejects.toBeInstanceOf(CorruptImageError);
    await expect(decodeHeif(heicFixture('photo'), 50_000_000)).resolves.toMatchObject({ width: 320, height: 240 });
  });

  it('drops its decoder once the heap passes the recycling size, and starts a fresh one for the next', async () => {
    await decodeHeif(heicFixture('photo'), 50_000_000);
    expect(heifHeapBytes()).toBeGreaterThan(0);

    await expect(decodeHeif(heicFixture('photo'), 50_000_000, { recycleHeapBytes: 1 })).resolves.toMatchObject({ width: 320 });
    expect(heifHeapBytes()).toBe(0);
    await expect(decodeHeif(heicFixture('gps'), 50_000_000)).resolves.toMatchObject({ width: 320, height: 240 });
    expect(heifHeapBytes()).toBeGreaterThan(0);
  });

  it('keeps its memory bounded over 20 consecutive 12 MP decodes in one process', async () => {
    const upload = heicFixture('photo12mp');
    const heaps: number[] = [];
    const rss: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const image = await decodeHeif(upload, 50_000_000);
      expect([image.width, image.height]).toEqual([4032, 3024]);
      heaps.push(heifHeapBytes());
      rss.push(process.memoryUsage().rss);
    }
    // The decoder's heap reaches its size on the first decode and never grows again (frees, one instance).
    expect(new Set(heaps.slice(1)).size).toBe(1);
    expect(heaps[19]).toBeLessThan(160 * 1024 * 1024);
    // 36 MB of pixels per decode are left to the garbage collector: RSS may swing, not climb.
    const firstHalfPeak = Math.max(...rss.slice(0, 10));
    const secondHalfPeak = Math.max(...rss.slice(10));
    expect(secondHalfPeak).toBeLessThan(firstHalfPeak + 64 * 1024 * 1024);
  }, 300_000);
});
