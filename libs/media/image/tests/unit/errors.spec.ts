import { CorruptImageError, ImageError, ImageTooLargeError, UnsupportedImageError } from '../../src/errors';

describe('image errors', () => {
  it.each([
    [UnsupportedImageError, 'UnsupportedImageError'],
    [CorruptImageError, 'CorruptImageError'],
    [ImageTooLargeError, 'ImageTooLargeError'],
  ])('%p is an ImageError named %s with a message saying what was expected', (ErrorClass, name) => {
    const error = new ErrorClass();

    expect(error).toBeInstanceOf(ImageError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(name);
    expect(error.message).toMatch(/^Expected /);
  });

  it('keeps the cause it was given', () => {
    const cause = new Error('VipsJpeg: premature end of JPEG image');

    const error = new CorruptImageError('Expected a whole JPEG', { cause });

    expect(error.cause).toBe(cause);
    expect(error.message).toBe('Expected a whole JPEG');
  });

  it('names the base class too', () => {
    expect(new ImageError('Expected an image').name).toBe('ImageError');
  });
});
