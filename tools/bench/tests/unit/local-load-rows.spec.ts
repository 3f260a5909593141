import { invocationDone, processingPhases, quantile, type VisibleUpload } from '../../src/local-load';
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

describe('processingPhases', () => {
  const phasesMs = { get: 12.5, decode: 48, encode: 60.2, put: 9, announce: 3, delete: 4, total: 136.7 };
  const logged = (fields: object) => ({ at: 1, text: JSON.stringify({ level: 'INFO', message: 'avatar processed', service: 'thumbnail', ...fields }) });

  it("reads the thumbnail's pieces from its \"avatar processed\" line for that upload", () => {
    const lines = [logged({ version: '1-a', phasesMs: { ...phasesMs, total: 1 } }), logged({ version: '2-b', phasesMs }), { at: 2, text: 'thumbnail: … 2-b done in 150 ms' }];
    expect(processingPhases(lines, '2-b')).toEqual(phasesMs);
  });

  it('finds nothing in a line of another upload or message, without phases, with a piece missing, or not JSON', () => {
    const withoutPut: Partial<typeof phasesMs> = { ...phasesMs };
    delete withoutPut.put;
    const lines = [
      logged({ version: '1-a', phasesMs }),
      { at: 1, text: JSON.stringify({ message: 'upload rejected', version: '2-b', phasesMs }) },
      logged({ version: '2-b' }),
      logged({ version: '2-b', phasesMs: withoutPut }),
      { at: 1, text: '"avatar processed" 2-b {not json' },
    ];
    expect(processingPhases(lines, '2-b')).toBeUndefined();
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
  const upload = (visibleMs: number): VisibleUpload => ({ putMs: 100, visibleMs, dispatchMs: 5, thumbnailMs: 300, profileRecordedMs: 20, fetchableMs: 15, subscriberMs: 40 });

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
    for (const piece of ['PUT,', 'event dispatch', 'thumbnail invocation', 'the profile API answers', 'fetchable', 'subscriber invocation']) expect(measures).toContain(piece);
    // Without the thumbnail's log lines (a stack at WARN) its own pieces are left out, not zero.
    expect(measures).not.toContain("thumbnail's");
  });

  it("adds the thumbnail's own pieces, as medians, when its log lines had them", () => {
    const phased = (decode: number): VisibleUpload => ({ ...upload(500), phases: { get: 10, decode, encode: 50, put: 8, announce: 2, delete: 3, total: 73 + decode } });
    const rows = uploadToVisibleRows([phased(40), phased(60), phased(45)], [300]);
    expect(rows.find((row) => row.measure.includes("thumbnail's decode"))?.value).toBe(45);
    expect(rows.find((row) => row.measure.includes("thumbnail's work in all"))?.value).toBe(118);
    expect(rows.filter((row) => row.measure.includes("thumbnail's")).map((row) => row.unit)).toEqual(Array(7).fill('ms'));
  });
});
