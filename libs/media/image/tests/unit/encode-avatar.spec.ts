import sharp from 'sharp';
import type { RawImage } from '../../src/decode-avatar-square';
import { encodeAvatar } from '../../src/encode-avatar';
import { colourDistance, pixelAt } from '../helpers/pixels';

const GREEN = { r: 0, g: 160, b: 0 };
const WHITE = { r: 255, g: 255, b: 255 };

/** 64×64 RGBA: the left half fully transparent black, the right half opaque green. */
function halfTransparentSquare(): RawImage {
  const pixels = Buffer.alloc(64 * 64 * 4);
  for (let y = 0; y < 64; y += 1) {
    for (let x = 32; x < 64; x += 1) pixels.set([GREEN.r, GREEN.g, GREEN.b, 255], (y * 64 + x) * 4);
  }
  return { pixels, width: 64, height: 64, channels: 4 };
}

describe('encodeAvatar', () => {
  it('encodes WebP with its content type and extension', async () => {
    const rendition = await encodeAvatar(halfTransparentSquare(), 64, 'webp');

    expect(rendition).toMatchObject({ size: 64, format: 'webp', contentType: 'image/webp', extension: 'webp' });
    expect((await sharp(rendition.body).metadata()).format).toBe('webp');
  });

  it('encodes progressive JPEG with its content type and the .jpg extension', async () => {
    const rendition = await encodeAvatar(halfTransparentSquare(), 64, 'jpeg');
    const metadata = await sharp(rendition.body).metadata();

    expect(rendition).toMatchObject({ size: 64, format: 'jpeg', contentType: 'image/jpeg', extension: 'jpg' });
    expect(metadata).toMatchObject({ format: 'jpeg', isProgressive: true, channels: 3 });
  });

  it('resizes the square to the size asked for and reports it', async () => {
    const rendition = await encodeAvatar(halfTransparentSquare(), 16, 'webp');
    const metadata = await sharp(rendition.body).metadata();

    expect(rendition).toMatchObject({ size: 16, width: 16, height: 16 });
    expect(metadata).toMatchObject({ width: 16, height: 16 });
  });

  it.each(['jpeg', 'webp'] as const)('flattens transparency onto the avatar background (white) in %s', async (format) => {
    const { body } = await encodeAvatar(halfTransparentSquare(), 64, format);

    expect((await sharp(body).metadata()).hasAlpha).toBe(false);
    expect(colourDistance(await pixelAt(body, 8, 32), WHITE)).toBeLessThan(8);
    expect(colourDistance(await pixelAt(body, 56, 32), GREEN)).toBeLessThan(16);
  });
});
