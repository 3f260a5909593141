import { centredSquare, EXTREME_ASPECT_RATIO, isExtremeAspectRatio } from '../../src/centred-square';

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
