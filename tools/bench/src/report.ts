import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type Section = 'thumbnail' | 'memory' | 'bundles' | 'cold init' | 'authorizer' | 'local load';
export type Unit = 'img/s' | 'x' | 'MB' | 'KB' | 'ms' | 'verify/s' | 'count';

/** A bound a figure must respect: `>=` for speed and ratios, `<=` for sizes and times. */
export interface Target {
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

const DECIMALS: Readonly<Record<Unit, number>> = { 'img/s': 1, x: 2, MB: 0, KB: 1, ms: 1, 'verify/s': 0, count: 0 };

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

export const RESULTS_START = '<!-- bench:results:start -->';
export const RESULTS_END = '<!-- bench:results:end -->';

/** The generated part of `RESULTS.md`: the run's context, the table and its notes. */
export function resultsMarkdown(report: BenchReport): string {
  const { machine } = report;
  const escape = (text: string) => text.replace(/\|/g, '\\|');
  const lines = [
    RESULTS_START,
    `Last run: \`npm run bench${report.mode === 'quick' ? ' -- --quick' : ''}\`, ${report.startedAt}, ` +
      `${report.durationSeconds.toFixed(0)} s on ${machine.cpus}× ${machine.cpuModel}, ${machine.memoryMb} MB, ` +
      `Node ${machine.node} (${machine.platform}). ${summaryLine(report.rows)}.`,
    '',
    '| section | measure | value | target | mark |',
    '| --- | --- | ---: | --- | --- |',
    ...report.rows.map((row) => `| ${cells(row).map(escape).join(' | ')} |`),
    '',
    ...report.notes.map((note) => `- ${note}`),
    RESULTS_END,
  ];
  return lines.join('\n');
}

/**
 * Writes `results.json` and refreshes the generated block of `RESULTS.md` in `dir`, keeping
 * whatever was written around the block by hand (the notes on what each change bought).
 */
export function writeReport(report: BenchReport, dir: string): { json: string; markdown: string } {
  mkdirSync(dir, { recursive: true });
  const json = path.join(dir, 'results.json');
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  const markdown = path.join(dir, 'RESULTS.md');
  const block = resultsMarkdown(report);
  const previous = existsSync(markdown) ? readFileSync(markdown, 'utf8') : '';
  writeFileSync(markdown, replaceResultsBlock(previous, block));
  return { json, markdown };
}

/**
 * `document` with its generated block replaced by `block` (or a new document holding it).
 *
 * @example
 * replaceResultsBlock('# R\n<!-- bench:results:start -->old<!-- bench:results:end -->\nnotes', block);
 */
export function replaceResultsBlock(document: string, block: string): string {
  const start = document.indexOf(RESULTS_START);
  const end = document.indexOf(RESULTS_END);
  if (start === -1 || end < start) {
    const head = document.trim() === '' ? '# Benchmark results\n\n' : `${document.trimEnd()}\n\n`;
    return `${head}${block}\n`;
  }
  return `${document.slice(0, start)}${block}${document.slice(end + RESULTS_END.length)}`;
}
