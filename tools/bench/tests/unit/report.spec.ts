import {
  RESULTS_END,
  RESULTS_START,
  formatTable,
  formatValue,
  markOf,
  replaceResultsBlock,
  resultsMarkdown,
  summaryLine,
  type BenchReport,
  type ResultRow,
} from '../../src/report';

const rows: ResultRow[] = [
  { section: 'bundles', measure: 'presign', value: 76.9, unit: 'KB', target: { op: '<=', value: 400 }, mark: 'pass' },
  { section: 'thumbnail', measure: 'handler / bare', value: 0.5, unit: 'x', target: { op: '>=', value: 0.85 }, mark: 'MISS' },
  { section: 'memory', measure: 'after load', value: 70, unit: 'MB', mark: 'info' },
];

describe('markOf', () => {
  it('passes a figure on the right side of its bound, inclusive', () => {
    expect(markOf({ value: 0.85, target: { op: '>=', value: 0.85 } })).toBe('pass');
    expect(markOf({ value: 400, target: { op: '<=', value: 400 } })).toBe('pass');
  });

  it('misses a figure on the wrong side', () => {
    expect(markOf({ value: 0.84, target: { op: '>=', value: 0.85 } })).toBe('MISS');
    expect(markOf({ value: 401, target: { op: '<=', value: 400 } })).toBe('MISS');
  });

  it('marks a figure without a target as information', () => {
    expect(markOf({ value: 1 })).toBe('info');
  });

  it('misses a figure that could not be measured', () => {
    expect(markOf({ value: Number.NaN, target: { op: '<=', value: 1 } })).toBe('MISS');
  });
});

describe('formatValue', () => {
  it('rounds by unit and writes ratios with an x', () => {
    expect(formatValue(2.3456, 'x')).toBe('2.35x');
    expect(formatValue(43447.2, 'verify/s')).toBe('43,447 verify/s');
    expect(formatValue(97.6, 'MB')).toBe('98 MB');
  });
});

describe('formatTable', () => {
  it('prints every row with its value, target and mark, aligned', () => {
    const lines = formatTable(rows).split('\n');
    expect(lines).toHaveLength(2 + rows.length);
    expect(lines[2]).toMatch(/^bundles\s+presign\s+76\.9 KB\s+≤ 400\.0 KB\s+pass$/);
    expect(lines[3]).toMatch(/0\.50x\s+≥ 0\.85x\s+MISS$/);
    expect(lines[4]).toMatch(/70 MB\s+info$/);
  });
});

describe('summaryLine', () => {
  it('names the missed targets', () => {
    expect(summaryLine(rows)).toBe('1 of 2 targets missed: thumbnail handler / bare');
    expect(summaryLine([rows[0]!])).toBe('all 1 targets met');
  });
});

describe('the generated block of RESULTS.md', () => {
  const report: BenchReport = {
    mode: 'quick',
    startedAt: '2026-11-27T00:00:00.000Z',
    durationSeconds: 100,
    machine: { cpus: 2, cpuModel: 'Test CPU', memoryMb: 1024, node: '20.0.0', platform: 'linux-x64' },
    rows,
    notes: ['a note'],
  };
  const block = resultsMarkdown(report);

  it('holds a markdown table of every row between its markers', () => {
    expect(block.startsWith(RESULTS_START)).toBe(true);
    expect(block.endsWith(RESULTS_END)).toBe(true);
    expect(block).toContain('| thumbnail | handler / bare | 0.50x | ≥ 0.85x | MISS |');
    expect(block).toContain('npm run bench -- --quick');
    expect(block).toContain('- a note');
  });

  it('replaces only the block, keeping the text written around it', () => {
    const document = `# Results\n\nintro\n\n${RESULTS_START}\nold\n${RESULTS_END}\n\n## What each change bought\n`;
    const updated = replaceResultsBlock(document, block);
    expect(updated).toContain('intro');
    expect(updated).toContain('## What each change bought');
    expect(updated).not.toContain('\nold\n');
    expect(updated).toContain(block);
  });

  it('starts a document when there is none', () => {
    expect(replaceResultsBlock('', block)).toBe(`# Benchmark results\n\n${block}\n`);
  });
});
