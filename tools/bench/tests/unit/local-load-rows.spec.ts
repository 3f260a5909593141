import { invocationDone, quantile, type VisibleUpload } from '../../src/local-load';
import { uploadToVisibleRows } from '../../src/local-load-bench';

describe('invocationDone', () => {
  const lines = [
    { at: 100, text: 'thumbnail: s3://uploads/uploads/avatars/u/1-a.jpg failed (attempt 1 of 3): boom; will retry' },
    { at: 200, text: 'thumbnail: s3://uploads/uploads/avatars/u/1-a.jpg done in 150 ms (attempt 2): {"processed":1}' },
    { at: 250, text: 'avatarProcessed: avatar processed u/1-a done in 20 ms' },
  ];

  it("finds the function's done line for an upload, with when it arrived and how long it ran", () => {
    expect(invocationDone(lines, 'thumbnail', '1-a')).toEqual({ endedAt: 200, ms: 150 });
    expect(invocationDone(lines, 'avatarProcessed', '1-a')).toEqual({ endedAt: 250, ms: 20 });
  });

  it('finds nothing for an upload or a function without a done line', () => {
    expect(invocationDone(lines, 'thumbnail', '2-b')).toBeUndefined();
    expect(invocationDone(lines, 'presign', '1-a')).toBeUndefined();
  });
});

describe('quantile', () => {
  it('is the nearest rank of sorted values', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95)).toBe(10);
    expect(quantile([], 0.5)).toBe(0);
  });
});

describe('uploadToVisibleRows', () => {
  const upload = (visibleMs: number): VisibleUpload => ({ putMs: 100, visibleMs, dispatchMs: 5, thumbnailMs: 300, profileRecordedMs: 20, fetchableMs: 15 });

  it('judges p50 upload → visible against the median PUT plus the handler alone', () => {
    const rows = uploadToVisibleRows([upload(500), upload(520), upload(900)], [300, 300, 400]);
    const verdict = rows.find((row) => row.goal === 'upload-visible' && row.target);
    // p50 520 ms over (100 + 300) ms.
    expect(verdict?.value).toBeCloseTo(1.3, 10);
    expect(verdict?.target).toEqual({ op: '<=', value: 1.3 });
    expect(rows.find((row) => row.measure.endsWith('p95'))?.value).toBe(900);
  });

  it('reports every piece of the way', () => {
    const measures = uploadToVisibleRows([upload(500)], [300]).map((row) => row.measure).join('\n');
    for (const piece of ['PUT,', 'event dispatch', 'thumbnail invocation', 'profile recorded', 'fetchable']) expect(measures).toContain(piece);
  });
});
