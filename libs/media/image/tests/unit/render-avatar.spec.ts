import { ANIMATION_FRAME_RGB, MARKER_RGB, OPAQUE_CENTRE_RGB, animatedGif, animatedWebp, avifImage, cmykJpeg, htmlDocument, photoJpeg, pixelBombPng, png16, pngWithAlpha, stripPng, svgImage, textFileNamedJpg, truncatedJpeg, webpImage } from '@cruddur/testing/images';
import sharp from 'sharp';
import { CorruptImageError, ImageError, ImageTooLargeError, UnsupportedImageError, renderAvatarRenditions, type AvatarRendition } from '../../src';
import { startAvatarRenditions } from '../../src/render-avatar';
import { colourDistance, meanColour, pixelAt } from '../helpers/pixels';

// A pass-through spy: it records what each sharp pipeline was opened on, to count decodes.
jest.mock('sharp', () => {
  const actual = jest.requireActual<typeof sharp>('sharp');
  return Object.assign(jest.fn(actual), actual);
});

const WHITE = { r: 255, g: 255, b: 255 };
const MID_GREY = { r: 128, g: 128, b: 128 };
const [FIRST_FRAME] = ANIMATION_FRAME_RGB;
const DEFAULT_DIMENSIONS = ['512×512', '512×512', '128×128', '128×128'];

function summary(renditions: AvatarRendition[]) {
  return renditions.map(({ size, format, contentType, extension, width, height }) => ({
    size,
    format,
    contentType,
    extension,
    width,
    height,
  }));
}

describe('renderAvatarRenditions', () => {
  let pixelBomb: Buffer;

  beforeAll(() => {
    pixelBomb = pixelBombPng();
  });

  it('renders every default size in WebP and JPEG, largest first, each encoded as labelled', async () => {
    const renditions = await renderAvatarRenditions(await photoJpeg({ width: 1200, height: 900 }));

    expect(summary(renditions)).toEqual([
      { size: 512, format: 'webp', contentType: 'image/webp', extension: 'webp', width: 512, height: 512 },
      { size: 512, format: 'jpeg', contentType: 'image/jpeg', extension: 'jpg', width: 512, height: 512 },
      { size: 128, format: 'webp', contentType: 'image/webp', extension: 'webp', width: 128, height: 128 },
      { size: 128, format: 'jpeg', contentType: 'image/jpeg', extension: 'jpg', width: 128, height: 128 },
    ]);
    for (const { body, format, size } of renditions) {
      expect(await sharp(body).metadata()).toMatchObject({ format, width: size, height: size });
    }
  });

  it('renders the sizes asked for, largest first', async () => {
    const renditions = await renderAvatarRenditions(await photoJpeg({ width: 400, height: 300 }), {
      sizes: [48, 256],
    });

    expect(renditions.map(({ size, format }) => `${size} ${format}`)).toEqual([
      '256 webp',
      '256 jpeg',
      '48 webp',
      '48 jpeg',
    ]);
  });

  it('strips EXIF (with GPS), XMP, IPTC and the ICC profile from every rendition', async () => {
    const input = await photoJpeg({ width: 600, height: 400, exif: true, orientation: 6 });
    const before = await sharp(input).metadata();
    expect(before.exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true); // GPSInfo IFD pointer tag
    expect(before).toMatchObject({ xmp: expect.any(Buffer), iptc: expect.any(Buffer), icc: expect.any(Buffer) });

    for (const { body } of await renderAvatarRenditions(input)) {
      const metadata = await sharp(body).metadata();
      expect(metadata).toMatchObject({ space: 'srgb', channels: 3, hasProfile: false });
      expect(metadata.exif).toBeUndefined();
      expect(metadata.xmp).toBeUndefined();
      expect(metadata.iptc).toBeUndefined();
      expect(metadata.icc).toBeUndefined();
      expect(metadata.orientation).toBeUndefined();
    }
  });

  // The crop is the upright picture's centred square, named so that content framing cannot move it.
  it.each([
    [1, { x: 20, y: 256 }, { left: 1 / 6, top: 0, width: 2 / 3, height: 1 }],
    [6, { x: 256, y: 20 }, { left: 0, top: 1 / 6, width: 1, height: 2 / 3 }],
  ])(
    'turns a 300×200 photo with EXIF orientation %i upright before cropping (marker at %p)',
    async (orientation, marker, crop) => {
      const input = await photoJpeg({ width: 300, height: 200, orientation, markLeftEdge: true });

      const [webp] = await renderAvatarRenditions(input, { sizes: [512], crop });
      const body = (webp as AvatarRendition).body;

      const elsewhere = [
        { x: 256, y: 20 },
        { x: 20, y: 256 },
        { x: 256, y: 491 },
        { x: 491, y: 256 },
      ].filter(({ x, y }) => x !== marker.x || y !== marker.y);
      expect(colourDistance(await pixelAt(body, marker.x, marker.y), MARKER_RGB)).toBeLessThan(30);
      for (const { x, y } of elsewhere) {
        expect(colourDistance(await pixelAt(body, x, y), MARKER_RGB)).toBeGreaterThan(100);
      }
    },
  );

  it('converts a CMYK JPEG to 3-channel sRGB of the same colours', async () => {
    const cmyk = await cmykJpeg({ width: 320, height: 240 });
    expect(await sharp(cmyk).metadata()).toMatchObject({ space: 'cmyk', channels: 4 });
    const [, rgbReference] = await renderAvatarRenditions(await photoJpeg({ width: 320, height: 240 }));

    const [webp, jpeg] = await renderAvatarRenditions(cmyk);

    for (const { body } of [webp, jpeg] as AvatarRendition[]) {
      expect(await sharp(body).metadata()).toMatchObject({ space: 'srgb', channels: 3 });
    }
    const expected = await meanColour((rgbReference as AvatarRendition).body);
    expect(colourDistance(Object.values(await meanColour((jpeg as AvatarRendition).body)), expected)).toBeLessThan(16);
  });

  it('renders a 16-bit PNG as 8-bit sRGB of the same colours', async () => {
    const input = await png16({ width: 320, height: 240 });
    expect(await sharp(input).metadata()).toMatchObject({ depth: 'ushort' });
    const [, rgbReference] = await renderAvatarRenditions(await photoJpeg({ width: 320, height: 240 }));

    const [webp, jpeg] = await renderAvatarRenditions(input);

    for (const { body } of [webp, jpeg] as AvatarRendition[]) {
      expect(await sharp(body).metadata()).toMatchObject({ depth: 'uchar', space: 'srgb', channels: 3 });
    }
    const expected = await meanColour((rgbReference as AvatarRendition).body);
    expect(colourDistance(Object.values(await meanColour((jpeg as AvatarRendition).body)), expected)).toBeLessThan(8);
  });

  it.each([
    ['GIF', animatedGif],
    ['WebP', animatedWebp],
  ])('keeps only the first frame of an animated %s', async (_, build) => {
    const input = await build();
    expect((await sharp(input).metadata()).pages).toBe(2);

    for (const { body } of await renderAvatarRenditions(input)) {
      const metadata = await sharp(body).metadata();
      expect(metadata.pages ?? 1).toBe(1);
      const centre = await pixelAt(body, metadata.width / 2, metadata.height / 2);
      expect(colourDistance(centre, FIRST_FRAME)).toBeLessThan(16);
    }
  });

  it('gives every rendition the same background where the upload is transparent: white, in WebP as in JPEG', async () => {
    const renditions = await renderAvatarRenditions(await pngWithAlpha({ width: 400, height: 400 }));
    for (const { body, size } of renditions as AvatarRendition[]) {
      expect((await sharp(body).metadata()).hasAlpha).toBe(false);
      expect(colourDistance(await pixelAt(body, 2, 2), WHITE)).toBeLessThan(8);
      expect(colourDistance(await pixelAt(body, size / 2, size / 2), OPAQUE_CENTRE_RGB)).toBeLessThan(16);
    }
  });

  it.each([
    ['WebP', () => webpImage({ width: 640, height: 480 })],
    ['AVIF', () => avifImage({ width: 320, height: 240 })],
    ['TIFF', () => photoJpeg({ width: 320, height: 240 }).then((jpeg) => sharp(jpeg).tiff().toBuffer())],
    ['a 40×30 JPEG (enlarged)', () => photoJpeg({ width: 40, height: 30 })],
  ])('renders %s input', async (_, build) => {
    const renditions = await renderAvatarRenditions(await build());

    expect(renditions.map(({ width, height }) => `${width}×${height}`)).toEqual(DEFAULT_DIMENSIONS);
  });

  it.each([
    ['1×20 000', 1, 20_000],
    ['20 000×1', 20_000, 1],
  ])('renders a %s strip as the colour at its centre', async (_, width, height) => {
    const renditions = await renderAvatarRenditions(await stripPng(width, height));

    expect(renditions.map(({ width: w, height: h }) => `${w}×${h}`)).toEqual(DEFAULT_DIMENSIONS);
    for (const { body } of renditions) {
      expect(colourDistance(await pixelAt(body, 60, 60), MID_GREY)).toBeLessThanOrEqual(2);
    }
  });

  describe('rejects', () => {
    it.each([
      ['text named .jpg', textFileNamedJpg()],
      ['an SVG', svgImage()],
      ['an HTML page', htmlDocument()],
      ['0 bytes', Buffer.alloc(0)],
    ])('%s with UnsupportedImageError, without opening it', async (_, input) => {
      jest.mocked(sharp).mockClear();

      await expect(renderAvatarRenditions(input)).rejects.toThrow(UnsupportedImageError);
      expect(sharp).not.toHaveBeenCalled();
    });

    it('a truncated JPEG with CorruptImageError', async () => {
      const failure = renderAvatarRenditions(await truncatedJpeg());

      await expect(failure).rejects.toThrow(CorruptImageError);
      await expect(failure).rejects.toMatchObject({ cause: expect.any(Error) });
    });

    it('a 400 MP pixel bomb with ImageTooLargeError', async () => {
      await expect(renderAvatarRenditions(pixelBomb)).rejects.toThrow(ImageTooLargeError);
    });

    it('an image over the caller’s pixel limit with ImageTooLargeError', async () => {
      const input = await photoJpeg({ width: 400, height: 300 });

      await expect(renderAvatarRenditions(input, { maxInputPixels: 119_999 })).rejects.toThrow(ImageTooLargeError);
      await expect(renderAvatarRenditions(input, { maxInputPixels: 120_000 })).resolves.toHaveLength(4);
    });

    it('with errors that share the ImageError base and say what was expected', async () => {
      const failure = renderAvatarRenditions(textFileNamedJpg());

      await expect(failure).rejects.toBeInstanceOf(ImageError);
      await expect(failure).rejects.toMatchObject({ message: expect.stringMatching(/^Expected /) });
    });
  });

  it('decodes a 12 MP JPEG once, resizes the 128 square from the decoded 512 once, and encodes from those', async () => {
    const input = await photoJpeg({ width: 4000, height: 3000, exif: true });
    const sharpSpy = jest.mocked(sharp);
    sharpSpy.mockClear();

    const renditions = await renderAvatarRenditions(input);

    const calls = sharpSpy.mock.calls as unknown[][];
    const onInput = calls.filter(([source]) => source === input);
    const onDecoded = calls.filter(([source]) => source !== input);
    expect(onInput).toHaveLength(1);
    // Two encodes from the 512 square, one resize of it to 128, two encodes from the 128 square.
    expect(onDecoded).toHaveLength(renditions.length + 1);
    const rawSizes = onDecoded.map(([, options]) => (options as { raw: { width: number; height: number } }).raw);
    expect(rawSizes.map(({ width, height }) => `${width}×${height}`).sort()).toEqual(
      ['128×128', '128×128', '512×512', '512×512', '512×512'],
    );
  });
});

describe('startAvatarRenditions', () => {
  it('hands over one pending rendition per output, in the order renderAvatarRenditions lists them', async () => {
    const input = await photoJpeg({ width: 1200, height: 900 });

    const pending = await startAvatarRenditions(input);

    expect(pending).toHaveLength(4);
    expect(summary(await Promise.all(pending))).toEqual(summary(await renderAvatarRenditions(input)));
  });

  it('fails before handing anything over when the upload cannot be decoded', async () => {
    await expect(startAvatarRenditions(textFileNamedJpg())).rejects.toThrow(UnsupportedImageError);
    await expect(startAvatarRenditions(await truncatedJpeg())).rejects.toThrow(CorruptImageError);
  });

  it('decodes once, starts the 512 encodes at once and the 128 ones from one shared resize', async () => {
    const input = await photoJpeg({ width: 4000, height: 3000 });
    const sharpSpy = jest.mocked(sharp);
    sharpSpy.mockClear();

    const pending = await startAvatarRenditions(input);

    // Before any rendition is awaited: the decode, both 512 encodes and the 128 resize are open.
    expect(sharpSpy.mock.calls.filter(([source]) => source === input)).toHaveLength(1);
    expect(sharpSpy.mock.calls.filter(([source]) => source !== input)).toHaveLength(3);
    await Promise.all(pending);
    expect(sharpSpy.mock.calls.filter(([source]) => source !== input)).toHaveLength(pending.length + 1);
  });

  it('keeps the background through the shared resize: no alpha in the smaller size either', async () => {
    const [, , webp128] = await Promise.all(await startAvatarRenditions(await pngWithAlpha()));
    expect(webp128).toMatchObject({ size: 128, format: 'webp' });
    const { channels, hasAlpha } = await jest.requireActual<typeof sharp>('sharp')((webp128 as AvatarRendition).body).metadata();
    expect({ channels, hasAlpha }).toEqual({ channels: 3, hasAlpha: false });
  });
});
