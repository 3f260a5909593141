import type { BenchInput } from '../../src/inputs';
import { handlerOverCeiling, thumbnailRows } from '../../src/thumbnail/bench';

describe('thumbnailRows', () => {
  const input = (name: string): BenchInput => ({ name, label: name, extension: 'jpg', contentType: 'image/jpeg', megapixels: 12, file: '/dev/null', bytes: 1 });
  const rounds = { handler: [5, 6], bare: [8, 9], naive: [2, 3], 'naive-render': [3, 4], floorMs: [30, 30], deleteMs: [5, 5] };

  it("judges handler / naive on the judged input only, and leaves naive rows out when naive didn't run", () => {
    const judged = thumbnailRows(input('jpeg-12mp'), rounds);
    expect(judged.find((row) => row.measure.endsWith('handler / naive'))?.target).toEqual({ op: '>=', value: 2 });
    const other = thumbnailRows(input('webp-12mp'), rounds);
    expect(other.find((row) => row.measure.endsWith('handler / naive'))?.target).toBeUndefined();
    const quick = thumbnailRows(input('webp-12mp'), { ...rounds, naive: [], 'naive-render': [] });
    expect(quick.some((row) => row.measure.includes('naive'))).toBe(false);
    expect(quick.find((row) => row.measure.endsWith('handler / ceiling (bare sharp + s3rver floor)'))?.target).toEqual({ op: '>=', value: 0.9 });
  });

  it('prints the DELETE the handler also makes, and the ceiling with it, as information', () => {
    const rows = thumbnailRows(input('jpeg-12mp'), rounds);
    const plain = rows.find((row) => row.measure.endsWith('handler / ceiling (bare sharp + s3rver floor)'))!;
    const withDelete = rows.find((row) => row.measure.endsWith('handler / ceiling with that DELETE added'))!;
    expect(withDelete.target).toBeUndefined();
    // A slower ceiling: the same handler is nearer to it.
    expect(withDelete.value).toBeGreaterThan(plain.value);
    expect(rows.find((row) => row.measure.includes('plain DELETE of the upload'))?.value).toBe(5);
  });
});

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
