import { MARKER_RGB, photoJpeg, pixelBombPng, png16, pngWithAlpha, stripPng, textFileNamedJpg, truncatedJpeg } from '@cruddur/testing/images';
import sharp from 'sharp';
import { AVATAR_BACKGROUND } from '../../src/avatar-rendition';
import { decodeAvatarSquare } from '../../src/decode-avatar-square';
import { CorruptImageError, ImageTooLargeError, UnsupportedImageError } from '../../src/errors';
import { colourDistance, pixelAt } from '../helpers/pixels';

const LIMIT = 50_000_000;
const BLUE = { r: 0, g: 0, b: 255 };
const GREY = { r: 128, g: 128, b: 128 };

/**
 * A `length`×`side` grey JPEG (landscape) whose centred `side`×`side` square is red on its
 * left half and blue on its right half, tagged with an EXIF orientation.
 */
async function longJpegWithMarkedCentre(length: number, side: number, orientation: number): Promise<Buffer> {
  const pixels = Buffer.alloc(length * side * 3, GREY.r);
  const start = (length - side) / 2;
  for (let y = 0; y < side; y += 1) {
    for (let x = start; x < start + side; x += 1) {
      const { r, g, b } = x < start + side / 2 ? MARKER_RGB : BLUE;
      pixels.set([r, g, b], (y * length + x) * 3);
    }
  }
  return sharp(pixels, { raw: { width: length, height: side, channels: 3 } })
    .withMetadata({ orientation })
    .jpeg({ quality: 95 })
    .toBuffer();
}

describe('decodeAvatarSquare', () => {
  it('decodes a photo to a size×size square of 8-bit RGB', async () => {
    const square = await decodeAvatarSquare(await photoJpeg({ width: 640, height: 480 }), 200, LIMIT);

    expect(square).toMatchObject({ width: 200, height: 200, channels: 3 });
    expect(square.pixels).toHaveLength(200 * 200 * 3);
  });

  it('flattens transparency onto the avatar background (white): three channels', async () => {
    const square = await decodeAvatarSquare(await pngWithAlpha(), 100, LIMIT);

    expect(square.channels).toBe(3);
    expect(await pixelAt(square.pixels, 2, 2, square)).toEqual([AVATAR_BACKGROUND.r, AVATAR_BACKGROUND.g, AVATAR_BACKGROUND.b]);
  });

  it.each([
    ['greyscale', 3, 3],
    ['greyscale with alpha', 4, 3],
  ])('expands %s to sRGB with %i channels', async (_, inputChannels, channels) => {
    const grey = sharp({ create: { width: 40, height: 40, channels: inputChannels as 3 | 4, background: GREY } });
    const input = await grey.toColourspace('b-w').png().toBuffer();
    expect((await sharp(input).metadata()).channels).toBe(inputChannels - 2);

    const square = await decodeAvatarSquare(input, 32, LIMIT);

    expect(square.channels).toBe(channels);
    expect(square.pixels).toHaveLength(32 * 32 * channels);
    expect(colourDistance(await pixelAt(square.pixels, 16, 16, square), GREY)).toBeLessThanOrEqual(1);
  });

  it('converts 16 bits per channel to 8, scaling rather than clipping', async () => {
    // Square, so that no framing changes which pixels the means are of.
    const input = await png16({ width: 240, height: 240 });
    const inputStats = await sharp(input).stats();

    const square = await decodeAvatarSquare(input, 240, LIMIT);
    const outputStats = await sharp(square.pixels, { raw: square }).stats();

    expect(square.pixels).toHaveLength(240 * 240 * 3);
    const [red] = inputStats.channels;
    expect(red?.mean).toBeGreaterThan(255);
    expect(Math.abs((outputStats.channels[0]?.mean ?? 0) - (red?.mean ?? 0) / 257)).toBeLessThan(8);
  });

  it('enlarges an image smaller than the avatar', async () => {
    const square = await decodeAvatarSquare(await photoJpeg({ width: 40, height: 30 }), 512, LIMIT);

    expect(square).toMatchObject({ width: 512, height: 512 });
  });

  it.each([
    [1, 'red on the left', { x: 10, y: 32 }, { x: 54, y: 32 }],
    [3, 'red on the right', { x: 54, y: 32 }, { x: 10, y: 32 }],
    [6, 'red on top', { x: 32, y: 10 }, { x: 32, y: 54 }],
    [8, 'red at the bottom', { x: 32, y: 54 }, { x: 32, y: 10 }],
  ])(
    'crops an 18:1 strip first and still honours EXIF orientation %i (%s)',
    async (orientation, _, red, blue) => {
      const input = await longJpegWithMarkedCentre(1440, 80, orientation);

      const square = await decodeAvatarSquare(input, 64, LIMIT);

      expect(square).toMatchObject({ width: 64, height: 64 });
      expect(colourDistance(await pixelAt(square.pixels, red.x, red.y, square), MARKER_RGB)).toBeLessThan(40);
      expect(colourDistance(await pixelAt(square.pixels, blue.x, blue.y, square), BLUE)).toBeLessThan(40);
    },
  );

  it('renders a 1×200 000 strip, which a cover resize alone cannot', async () => {
    const input = await stripPng(1, 200_000);
    await expect(sharp(input).resize(512, 512).raw().toBuffer()).rejects.toThrow(/out of range/);

    const square = await decodeAvatarSquare(input, 512, LIMIT);

    expect(square).toMatchObject({ width: 512, height: 512, channels: 3 });
    expect(colourDistance(await pixelAt(square.pixels, 256, 256, square), GREY)).toBeLessThanOrEqual(1);
  });

  it('throws ImageTooLargeError above the pixel limit, before decoding', async () => {
    await expect(decodeAvatarSquare(pixelBombPng({ width: 1001, height: 1000 }), 64, 1_000_000)).rejects.toThrow(
      ImageTooLargeError,
    );
  });

  it('throws CorruptImageError for a truncated JPEG, keeping sharp’s error as the cause', async () => {
    const failure = decodeAvatarSquare(await truncatedJpeg(), 64, LIMIT);

    await expect(failure).rejects.toThrow(CorruptImageError);
    await expect(failure).rejects.toMatchObject({
      cause: expect.objectContaining({ message: expect.stringMatching(/premature end/i) }),
    });
  });

  it('throws UnsupportedImageError for bytes libvips cannot identify', async () => {
    await expect(decodeAvatarSquare(textFileNamedJpg(), 64, LIMIT)).rejects.toThrow(UnsupportedImageError);
  });
});
