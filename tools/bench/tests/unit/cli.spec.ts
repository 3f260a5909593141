import { EFFORT, SECTIONS, parseBenchArgs } from '../../src/cli';
import { lambdaMemoryFor } from '../../src/targets';

describe('parseBenchArgs', () => {
  it('runs everything, fully, after a build by default', () => {
    expect(parseBenchArgs([])).toEqual({
      help: false,
      render: false,
      quick: false,
      build: true,
      strict: false,
      outDir: 'bench',
      only: [...SECTIONS],
      s3LatencyMs: 0,
    });
  });

  it('reads --quick, --no-build, --strict, --out and --only', () => {
    const options = parseBenchArgs(['--quick', '--no-build', '--strict', '--out', 'tmp/b', '--only', 'bundles, cold-init']);
    expect(options).toMatchObject({ quick: true, build: false, strict: true, outDir: 'tmp/b', only: ['bundles', 'cold-init'] });
  });

  it('reads --s3-latency as whole milliseconds', () => {
    expect(parseBenchArgs(['--s3-latency', '15']).s3LatencyMs).toBe(15);
    expect(() => parseBenchArgs(['--s3-latency', '-1'])).toThrow(/--s3-latency/);
    expect(() => parseBenchArgs(['--s3-latency', 'soon'])).toThrow(/--s3-latency/);
  });

  it('reads --render, which measures nothing', () => {
    expect(parseBenchArgs(['--render', '--out', 'tmp/b'])).toMatchObject({ render: true, outDir: 'tmp/b' });
  });

  it('refuses a section it does not know', () => {
    expect(() => parseBenchArgs(['--only', 'gpu'])).toThrow(/unknown section gpu/);
  });

  it('refuses an option it does not know', () => {
    expect(() => parseBenchArgs(['--fast'])).toThrow();
  });

  it('does less in a quick run than in a full one', () => {
    for (const [key, quick] of Object.entries(EFFORT.quick)) {
      expect(quick).toBeLessThanOrEqual(EFFORT.full[key as keyof typeof EFFORT.full]);
    }
  });
});

describe('lambdaMemoryFor', () => {
  it('picks the smallest size whose 70 % holds the peak', () => {
    expect(lambdaMemoryFor(98)).toBe(512);
    expect(lambdaMemoryFor(358)).toBe(512);
    expect(lambdaMemoryFor(359)).toBe(768);
  });

  it('has no answer beyond the sizes it knows', () => {
    expect(lambdaMemoryFor(10_000)).toBeUndefined();
  });
});
