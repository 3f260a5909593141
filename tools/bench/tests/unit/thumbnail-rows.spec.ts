import { handlerOverCeiling } from '../../src/thumbnail/bench';

describe('handlerOverCeiling', () => {
  it('is 1 for a handler as fast as bare sharp plus the s3rver floor', () => {
    // bare 20 img/s = 50 ms, floor 50 ms: the ceiling is 100 ms per image, 10 img/s.
    expect(handlerOverCeiling([10], [20], [50])).toBeCloseTo(1, 10);
  });

  it('is the median of the per-round ratios', () => {
    // Rounds: ceiling 100 ms vs handler 125 ms (0.8), 100 vs 100 (1), 100 vs 200 (0.5).
    expect(handlerOverCeiling([8, 10, 5], [20, 20, 20], [50, 50, 50])).toBeCloseTo(0.8, 10);
  });

  it('stays below 1 for a handler slower than its ceiling', () => {
    expect(handlerOverCeiling([5], [20], [10])).toBeLessThan(1);
  });
});
