import { captureEmf, emfDataPoints, parseEmfDocument } from '../../src';

const doc = (extra: Record<string, unknown> = {}) => ({
  _aws: { Timestamp: 1, CloudWatchMetrics: [{ Namespace: 'N', Dimensions: [['service'], ['service', 'reason']], Metrics: [{ Name: 'M', Unit: 'Count' }] }] },
  service: 's',
  reason: 'r',
  M: 1,
  ...extra,
});

describe('EMF documents', () => {
  it('reads one data point per metric and dimension set', () => {
    expect(emfDataPoints([parseEmfDocument(JSON.stringify(doc()))])).toEqual([
      { namespace: 'N', metric: 'M', unit: 'Count', dimensions: { service: 's' }, value: 1 },
      { namespace: 'N', metric: 'M', unit: 'Count', dimensions: { service: 's', reason: 'r' }, value: 1 },
    ]);
  });

  it.each([
    ['no timestamp', { _aws: { CloudWatchMetrics: [] } }, /Timestamp/],
    ['a dimension without value', { reason: undefined }, /dimension reason/],
    ['a metric without value', { M: 'one' }, /metric M/],
  ])('refuses a document with %s', (_, extra, message) => {
    expect(() => parseEmfDocument(JSON.stringify(doc(extra)))).toThrow(message);
  });

  it('captures EMF lines written to stdout and lets other output through', () => {
    const emf = captureEmf();
    const passed: string[] = [];
    try {
      process.stdout.write(`${JSON.stringify(doc())}\n`);
      emf.restore();
      const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => Boolean(passed.push(String(chunk))));
      const again = captureEmf();
      process.stdout.write('plain line\n');
      again.restore();
      write.mockRestore();
    } finally {
      emf.restore();
    }
    expect(emf.documents()).toHaveLength(1);
    expect(passed).toEqual(['plain line\n']);
  });
});
