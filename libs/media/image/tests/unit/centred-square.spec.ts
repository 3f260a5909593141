import { centredSquare, cropRegion, EXTREME_ASPECT_RATIO, isExtremeAspectRatio } from '../../src/centred-square';

describe('centredSquare', () => {
  it.each([
    [300, 200, { left: 50, top: 0, width: 200, height: 200 }],
    [200, 300, { left: 0, top: 50, width: 200, height: 200 }],
    [64, 64, { left: 0, top: 0, width: 64, height: 64 }],
    [1, 20_000, { left: 0, top: 9_999, width: 1, height: 1 }],
    [20_000, 1, { left: 9_999, top: 0, width: 1, height: 1 }],
    [5, 2, { left: 1, top: 0, width: 2, height: 2 }],
  ])('of %i×%i is %p', (width, height, region) => {
    expect(centredSquare(width, height)).toEqual(region);
  });

  it('of a region is centred in it', () => {
    expect(centredSquare({ left: 100, top: 20, width: 300, height: 200 })).toEqual({ left: 150, top: 20, width: 200, height: 200 });
    expect(centredSquare({ left: 7, top: 3, width: 10, height: 40 })).toEqual({ left: 7, top: 18, width: 10, height: 10 });
  });
});

describe('cropRegion', () => {
  it.each([
    ['the right half', 400, 300, { left: 0.5, top: 0, width: 0.5, height: 1 }, { left: 200, top: 0, width: 200, height: 300 }],
    ['the whole picture', 400, 300, { left: 0, top: 0, width: 1, height: 1 }, { left: 0, top: 0, width: 400, height: 300 }],
    ['edges at their nearest pixel', 3000, 3000, { left: 0.3333, top: 0.1, width: 0.3334, height: 0.2 }, { left: 1000, top: 300, width: 1000, height: 600 }],
    ['at least a pixel', 100, 100, { left: 0.5, top: 0.5, width: 0.0001, height: 0.0001 }, { left: 50, top: 50, width: 1, height: 1 }],
    ['a last pixel at the far corner', 100, 100, { left: 0.9999, top: 0.9999, width: 0.0001, height: 0.0001 }, { left: 99, top: 99, width: 1, height: 1 }],
    ['never past the edge', 23, 10, { left: 0.9 / 23, top: 0, width: 22.1 / 23, height: 1 }, { left: 1, top: 0, width: 22, height: 10 }],
  ])('takes %s', (_, width, height, crop, region) => {
    expect(cropRegion(width, height, crop)).toEqual(region);
  });
});

describe('isExtremeAspectRatio', () => {
  it.each([
    [4000, 3000, false],
    [3000, 4000, false],
    [EXTREME_ASPECT_RATIO * 100, 100, false],
    [EXTREME_ASPECT_RATIO * 100 + 1, 100, true],
    [100, EXTREME_ASPECT_RATIO * 100 + 1, true],
    [1, 20_000, true],
    [20_000, 1, true],
  ])('%i×%i → %p', (width, height, extreme) => {
    expect(isExtremeAspectRatio(width, height)).toBe(extreme);
  });
});
