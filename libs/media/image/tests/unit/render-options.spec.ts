import {
  DEFAULT_AVATAR_SIZES,
  DEFAULT_MAX_INPUT_PIXELS,
  MAX_AVATAR_SIZE,
  resolveRenderOptions,
} from '../../src/render-options';

describe('resolveRenderOptions', () => {
  it('defaults to 512 and 128 px avatars from inputs of at most 50 MP', () => {
    expect(DEFAULT_AVATAR_SIZES).toEqual([512, 128]);
    expect(DEFAULT_MAX_INPUT_PIXELS).toBe(50_000_000);
    expect(resolveRenderOptions()).toEqual({ sizes: [512, 128], maxInputPixels: 50_000_000 });
  });

  it('orders sizes largest first and drops repeats', () => {
    expect(resolveRenderOptions({ sizes: [64, 512, 64, 256] }).sizes).toEqual([512, 256, 64]);
  });

  it('keeps the caller’s pixel limit', () => {
    expect(resolveRenderOptions({ maxInputPixels: 1000 }).maxInputPixels).toBe(1000);
  });

  it('accepts the smallest and largest sizes', () => {
    expect(resolveRenderOptions({ sizes: [1, MAX_AVATAR_SIZE] }).sizes).toEqual([MAX_AVATAR_SIZE, 1]);
  });

  it.each([[[]], [[0]], [[-128]], [[12.5]], [[NaN]], [[MAX_AVATAR_SIZE + 1]]])(
    'refuses sizes %p',
    (sizes) => {
      expect(() => resolveRenderOptions({ sizes })).toThrow(RangeError);
    },
  );

  it.each([0, -1, 1.5, Infinity])('refuses maxInputPixels %p', (maxInputPixels) => {
    expect(() => resolveRenderOptions({ maxInputPixels })).toThrow(RangeError);
  });
});
