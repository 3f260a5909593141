import {
  formatTable,
  formatValue,
  goalVerdicts,
  markOf,
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

describe('RESULTS.md, rendered from a report', () => {
  const report: BenchReport = {
    mode: 'quick',
    startedAt: '2026-11-27T00:00:00.000Z',
    durationSeconds: 100,
    machine: { cpus: 2, cpuModel: 'Test CPU', memoryMb: 1024, node: '20.0.0', platform: 'linux-x64' },
    rows: [
      { ...rows[0]!, goal: 'budgets' },
      { ...rows[1]!, goal: 'handler-ceiling' },
      { ...rows[2]!, goal: 'cost' },
    ],
    notes: ['a note'],
    goals: [
      { id: 'handler-ceiling', number: 1, title: 'Handler | ceiling' },
      { id: 'framing-heic', number: 7, title: 'HEIC' },
      { id: 'cost', number: 8, title: 'Cost' },
      { id: 'budgets', title: 'Budgets' },
    ],
    load: { start: [9.5, 6, 5], end: [8, 7, 5] },
  };
  const markdown = resultsMarkdown(report);

  it('lists every target with its verdict, in the order given', () => {
    expect(goalVerdicts(report).map(({ goal, status }) => [goal.id, status])).toEqual([
      ['handler-ceiling', 'MISS'],
      ['framing-heic', 'not measured'],
      ['cost', 'info'],
      ['budgets', 'pass'],
    ]);
    expect(markdown).toContain('| 1 | Handler \\| ceiling | MISS | thumbnail: handler / bare 0.50x (≥ 0.85x, MISS) |');
    expect(markdown).toContain('| 7 | HEIC | not measured | no case measured in this run |');
    expect(markdown).toContain('| 8 | Cost | info | memory: after load 70 MB |');
    expect(markdown).toContain('| – | Budgets | pass |');
  });

  it('holds every figure, the run, its load and its notes', () => {
    expect(markdown).toContain('| thumbnail | handler / bare | 0.50x | ≥ 0.85x | MISS |');
    expect(markdown).toContain('npm run bench -- --quick');
    expect(markdown).toContain('9.5 / 6 / 5 at the start');
    expect(markdown).toContain('- a note');
  });

  it('renders a report without goals (an older results.json) with no verdicts rather than failing', () => {
    const older = { ...report, goals: undefined } as unknown as BenchReport;
    expect(resultsMarkdown(older)).toContain('| thumbnail | handler / bare |');
  });
});
