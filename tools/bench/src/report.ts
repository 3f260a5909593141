import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { goalStatus, type GoalRecord, type GoalStatus } from './goals';

export type Section = 'faces' | 'thumbnail' | 'memory' | 'bundles' | 'cold init' | 'authorizer' | 'local load' | 'avatar bytes' | 'cost';
/** The order sections are printed in. */
export const SECTION_ORDER: readonly Section[] = ['faces', 'thumbnail', 'memory', 'bundles', 'cold init', 'authorizer', 'local load', 'avatar bytes', 'cost'];
export type Unit = 'img/s' | 'x' | 'MB' | 'KB' | 'ms' | 'verify/s' | 'count' | 'GB-s' | 'USD' | 'SSIM' | '%';

/** A bound a figure must respect: `>=` for speed and ratios, `<=` for sizes and times. */
interface Target {
  op: '>=' | '<=';
  value: number;
}

export interface Measurement {
  section: Section;
  measure: string;
  value: number;
  unit: Unit;
  target?: Target;
  /** How the figure was obtained, when the measure's name does not say it. */
  note?: string;
  /** The target (`GOALS` id) this figure belongs to. */
  goal?: string;
}

export type Mark = 'pass' | 'MISS' | 'info';

export interface ResultRow extends Measurement {
  mark: Mark;
}

export interface BenchReport {
  mode: 'quick' | 'full';
  startedAt: string;
  durationSeconds: number;
  machine: { cpus: number; cpuModel: string; memoryMb: number; node: string; platform: string };
  rows: ResultRow[];
  notes: string[];
  /** Every target the bench knew when it ran, so RESULTS.md needs nothing but this report. */
  goals: GoalRecord[];
  /** `uptime`'s load averages (1, 5, 15 min) at the start and the end of the run. */
  load?: { start: number[]; end: number[] };
}

/**
 * Whether a figure meets its target; figures without one are shown for information.
 *
 * @example
 * markOf({ value: 0.9, target: { op: '>=', value: 0.85 } }); // 'pass'
 */
export function markOf(measurement: Pick<Measurement, 'value' | 'target'>): Mark {
  const { value, target } = measurement;
  if (!target) return 'info';
  const ok = target.op === '>=' ? value >= target.value : value <= target.value;
  return ok ? 'pass' : 'MISS';
}

const DECIMALS: Readonly<Record<Unit, number>> = { 'img/s': 1, x: 2, MB: 0, KB: 1, ms: 1, 'verify/s': 0, count: 0, 'GB-s': 0, USD: 2, SSIM: 4, '%': 1 };

/**
 * A figure with its unit, rounded for reading.
 *
 * @example
 * formatValue(2.3456, 'x'); // '2.35x'
 */
export function formatValue(value: number, unit: Unit): string {
  const digits = DECIMALS[unit];
  const text = value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return unit === 'x' ? `${text}x` : `${text} ${unit}`;
}

function formatTarget(row: Measurement): string {
  return row.target ? `${row.target.op === '>=' ? '≥' : '≤'} ${formatValue(row.target.value, row.unit)}` : '';
}

const HEADER = ['section', 'measure', 'value', 'target', 'mark'] as const;

function cells(row: ResultRow): string[] {
  return [row.section, row.measure, formatValue(row.value, row.unit), formatTarget(row), row.mark];
}

/** The rows as an aligned plain-text table for the terminal. */
export function formatTable(rows: readonly ResultRow[]): string {
  const table = [[...HEADER], ...rows.map(cells)];
  const widths = HEADER.map((_, column) => Math.max(...table.map((line) => (line[column] as string).length)));
  const render = (line: string[]) =>
    line.map((cell, column) => (column === 2 ? cell.padStart(widths[column] as number) : cell.padEnd(widths[column] as number))).join('  ').trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [render(table[0] as string[]), rule, ...table.slice(1).map(render)].join('\n');
}

/** One line saying how many targets held. */
export function summaryLine(rows: readonly ResultRow[]): string {
  const judged = rows.filter((row) => row.mark !== 'info');
  const missed = judged.filter((row) => row.mark === 'MISS');
  return missed.length === 0
    ? `all ${judged.length} targets met`
    : `${missed.length} of ${judged.length} targets missed: ${missed.map((row) => `${row.section} ${row.measure}`).join('; ')}`;
}

/** Each goal of a report with its verdict and the rows that belong to it. */
export function goalVerdicts(report: Pick<BenchReport, 'goals' | 'rows'>): { goal: GoalRecord; status: GoalStatus; rows: ResultRow[] }[] {
  return (report.goals ?? []).map((goal) => {
    const rows = report.rows.filter((row) => row.goal === goal.id);
    return { goal, status: goalStatus(rows.map((row) => row.mark)), rows };
  });
}

const escapeCell = (text: string) => text.replace(/\|/g, '\\|');

function goalFigures(rows: readonly ResultRow[]): string {
  const judged = rows.filter((row) => row.mark !== 'info');
  const shown = judged.length > 0 ? judged : rows;
  return shown
    .map((row) => `${row.section}: ${row.measure} ${formatValue(row.value, row.unit)}${row.target ? ` (${formatTarget(row)}, ${row.mark})` : ''}`)
    .map(escapeCell)
    .join('<br>');
}

/**
 * The whole of `RESULTS.md`, made from a report (as read back from `results.json`) and nothing
 * else: the targets with their verdicts, then every figure by section, then the run's notes.
 *
 * @example
 * writeFileSync('bench/RESULTS.md', resultsMarkdown(JSON.parse(readFileSync('bench/results.json', 'utf8'))));
 */
export function resultsMarkdown(report: BenchReport): string {
  const { machine } = report;
  const load = report.load ? ` Load average (1/5/15 min) ${report.load.start.join(' / ')} at the start, ${report.load.end.join(' / ')} at the end.` : '';
  const verdicts = goalVerdicts(report);
  const lines = [
    '# Benchmark results',
    '',
    '<!-- Generated from bench/results.json by tools/bench (npm run bench, or npm run bench -- --render); do not edit. -->',
    'Generated from [`results.json`](results.json); what each figure means, and what was tried: [README](README.md).',
    '',
    `Last run: \`npm run bench${report.mode === 'quick' ? ' -- --quick' : ''}\`, ${report.startedAt}, ` +
      `${report.durationSeconds.toFixed(0)} s on ${machine.cpus}× ${machine.cpuModel}, ${machine.memoryMb} MB, ` +
      `Node ${machine.node} (${machine.platform}).${load} ${summaryLine(report.rows)}.`,
    '',
    '## Targets',
    '',
    '| # | target | verdict | figures |',
    '| --- | --- | --- | --- |',
    ...verdicts.map(({ goal, status, rows }) => `| ${goal.number ?? '–'} | ${escapeCell(goal.title)} | ${status} | ${rows.length === 0 ? 'no case measured in this run' : goalFigures(rows)} |`),
    '',
    '## Every figure',
    '',
    '| section | measure | value | target | mark |',
    '| --- | --- | ---: | --- | --- |',
    ...report.rows.map((row) => `| ${cells(row).map(escapeCell).join(' | ')} |`),
  ];
  if (report.notes.length > 0) lines.push('', '## Notes', '', ...report.notes.map((note) => `- ${note}`));
  return `${lines.join('\n')}\n`;
}

/**
 * Writes `results.json` in `dir`, then `RESULTS.md` rendered from the file just written.
 */
export function writeReport(report: BenchReport, dir: string): { json: string; markdown: string } {
  mkdirSync(dir, { recursive: true });
  const json = path.join(dir, 'results.json');
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  return { json, markdown: renderResultsFile(dir) };
}

/**
 * Renders `<dir>/RESULTS.md` from `<dir>/results.json` alone (`npm run bench -- --render`).
 */
export function renderResultsFile(dir: string): string {
  const report = JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8')) as BenchReport;
  const markdown = path.join(dir, 'RESULTS.md');
  writeFileSync(markdown, resultsMarkdown(report));
  return markdown;
}
