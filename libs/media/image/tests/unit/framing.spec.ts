import { HALVES_RGB, LEFT_EDGE_SUBJECT, halvesJpeg, subjectNearLeftEdgeJpeg } from '@cruddur/testing/images';
import sharp from 'sharp';
import { decodeAvatarSquare } from '../../src/decode-avatar-square';
import { renderAvatarRenditions } from '../../src/render-avatar';
import { colourDistance, meanColour, pixelAt } from '../helpers/pixels';

const LIMIT = 50_000_000;
const RIGHT_HALF = { left: 0.5, top: 0, width: 0.5, height: 1 };
const LEFT_HALF = { left: 0, top: 0, width: 0.5, height: 1 };

/** The share of a square's pixels within `tolerance` of a colour. */
function shareOf(square: { pixels: Buffer; channels: number }, colour: { r: number; g: number; b: number }, tolerance = 60): number {
  let hits = 0;
  const count = square.pixels.length / square.channels;
  for (let i = 0; i < square.pixels.length; i += square.channels) {
    if (colourDistance([square.pixels[i]!, square.pixels[i + 1]!, square.pixels[i + 2]!], colour) < tolerance) hits += 1;
  }
  return hits / count;
}

/** The share of a square's pixels that are strongly coloured (the grey background is not). */
function colourfulShare(square: { pixels: Buffer; channels: number }): number {
  let hits = 0;
  for (let i = 0; i < square.pixels.length; i += square.channels) {
    const channels = [square.pixels[i]!, square.pixels[i + 1]!, square.pixels[i + 2]!];
    if (Math.max(...channels) - Math.min(...channels) > 100) hits += 1;
  }
  return hits / (square.pixels.length / square.channels);
}

describe('a crop chosen by the client', () => {
  // 128: the 300 px square is cut from the picture shrunk while decoding; 512: it is enlarged from the full decode.
  it.each([
    [1, 128],
    [6, 128],
    [8, 128],
    [1, 512],
    [6, 512],
    [8, 512],
  ] as const)('takes the right half of the upright picture (EXIF orientation %i, %i px): a blue avatar', async (orientation, size) => {
    const input = await halvesJpeg({ width: 600, height: 400, orientation });
    if (orientation !== 1) expect((await sharp(input).metadata()).width).toBe(400);

    const right = await decodeAvatarSquare(input, size, LIMIT, RIGHT_HALF);
    const left = await decodeAvatarSquare(input, size, LIMIT, LEFT_HALF);

    expect(right).toMatchObject({ width: size, height: size });
    expect(shareOf(right, HALVES_RGB.right)).toBeGreaterThan(0.99);
    expect(shareOf(left, HALVES_RGB.left)).toBeGreaterThan(0.99);
  });

  it('takes the centred square of a region that is not square', async () => {
    // The left 3/4 of the upright picture: 450×400, so its square is 400 wide, centred on x = 225.
    const input = await halvesJpeg({ width: 600, height: 400 });
    const square = await decodeAvatarSquare(input, 100, LIMIT, { left: 0, top: 0, width: 0.75, height: 1 });

    // Upright x 25..425: red up to 300, i.e. 275 of 400 columns red, the rest blue.
    expect(colourDistance(await pixelAt(square.pixels, 10, 50, square), HALVES_RGB.left)).toBeLessThan(40);
    expect(colourDistance(await pixelAt(square.pixels, 90, 50, square), HALVES_RGB.right)).toBeLessThan(40);
    expect(shareOf(square, HALVES_RGB.left)).toBeCloseTo(275 / 400, 1);
  });

  it('enlarges a tiny region to the avatar size', async () => {
    const input = await halvesJpeg({ width: 600, height: 400 });
    const square = await decodeAvatarSquare(input, 256, LIMIT, { left: 0.9, top: 0.9, width: 0.01, height: 0.01 });

    expect(square).toMatchObject({ width: 256, height: 256 });
    expect(shareOf(square, HALVES_RGB.right)).toBeGreaterThan(0.99);
  });

  it('renders every rendition from the crop', async () => {
    const renditions = await renderAvatarRenditions(await halvesJpeg({ orientation: 6 }), { sizes: [128, 32], crop: RIGHT_HALF });

    for (const { body } of renditions) expect(colourDistance(Object.values(await meanColour(body)), HALVES_RGB.right)).toBeLessThan(20);
  });

  it('refuses a crop outside the picture as a programming error', async () => {
    await expect(renderAvatarRenditions(await halvesJpeg(), { crop: { left: 0.8, top: 0, width: 0.5, height: 1 } })).rejects.toThrow(RangeError);
  });
});

describe('framing without a crop', () => {
  it('keeps a bright, detailed subject near the left edge of a wide picture, which the centre would lose', async () => {
    const input = await subjectNearLeftEdgeJpeg({ width: 1200, height: 400 });
    const centre = await sharp(input).resize(128, 128, { fit: 'cover', position: 'centre' }).raw().toBuffer();
    expect(LEFT_EDGE_SUBJECT.right).toBeLessThan(1 / 3);
    expect(colourfulShare({ pixels: centre, channels: 3 })).toBe(0);

    const square = await decodeAvatarSquare(input, 128, LIMIT);

    // The subject is half the picture's height and 3/5 of its side: all of it is in the square.
    expect(colourfulShare(square)).toBeGreaterThan(0.25);
  });

  it('leaves a photo that is already square whole', async () => {
    const input = await halvesJpeg({ width: 400, height: 400 });
    const square = await decodeAvatarSquare(input, 100, LIMIT);

    expect(shareOf(square, HALVES_RGB.left)).toBeCloseTo(0.5, 1);
  });
});
