import { pixelBombPng } from '@cruddur/testing/images';
import sharp, { type SharpOptions } from 'sharp';
import { CorruptImageError, ImageTooLargeError, UnsupportedImageError } from '../../src/errors';
import { toImageError } from '../../src/to-image-error';

async function sharpFailure(input: Buffer, options?: SharpOptions): Promise<unknown> {
  return sharp(input, options)
    .metadata()
    .then(
      () => new Error('sharp read the input'),
      (error: unknown) => error,
    );
}

describe('toImageError', () => {
  it('maps sharp’s pixel limit failure to ImageTooLargeError', async () => {
    const cause = await sharpFailure(pixelBombPng({ width: 2000, height: 2000 }), { limitInputPixels: 1000 });

    const error = toImageError(cause);

    expect(error).toBeInstanceOf(ImageTooLargeError);
    expect((error as Error).cause).toBe(cause);
  });

  it('maps an unknown format to UnsupportedImageError', async () => {
    const cause = await sharpFailure(Buffer.from('plain text'));

    expect(toImageError(cause)).toBeInstanceOf(UnsupportedImageError);
  });

  it('maps a decoder that lacks the codec to UnsupportedImageError', () => {
    const cause = new Error('heif: Unsupported feature: Unsupported codec (4.3000)');

    expect(toImageError(cause)).toBeInstanceOf(UnsupportedImageError);
  });

  it('maps a damaged header to CorruptImageError', async () => {
    const cause = await sharpFailure(pixelBombPng({ width: 8, height: 8 }).subarray(0, 40));

    const error = toImageError(cause);

    expect(error).toBeInstanceOf(CorruptImageError);
    expect((error as Error).cause).toBe(cause);
    expect((error as Error).message).not.toMatch(/vips|png|header/i);
  });

  it('treats anything it does not recognise, even a non-Error, as corrupt', () => {
    expect(toImageError('boom')).toBeInstanceOf(CorruptImageError);
  });

  it.each([
    'vips_malloc: out of memory --- size == 1048576000',
    'std::bad_alloc',
    'EMFILE: too many open files',
  ])('returns a failure of the machine (%s) unchanged, so it is retried and not taken for a bad image', (message) => {
    const cause = new Error(message);
    expect(toImageError(cause)).toBe(cause);
  });

  it('returns an ImageError unchanged', () => {
    const error = new ImageTooLargeError();

    expect(toImageError(error)).toBe(error);
  });
});
