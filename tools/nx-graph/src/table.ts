import { MissingMarkersError } from './errors';
import type { AffectedRow, MeasuredRow } from './affected';

/** The document the CI table is written into, relative to the workspace root. */
export const TABLE_DOC = 'docs/testing.md';

export const TABLE_START = '<!-- nx-graph:affected:start -->';
export const TABLE_END = '<!-- nx-graph:affected:end -->';

/** Project names as a short cell: the count of `total`, then the names. */
function projectsCell(projects: string[], total: number): string {
  if (projects.length === 0) return 'none';
  return `${projects.length} of ${total}: ${projects.map((p) => `\`${p}\``).join(', ')}`;
}

/** What the row still misses against its `target` set (what the change should select), or that it holds. */
function statusCell(row: AffectedRow, measured: MeasuredRow): string {
  const over = row.target ? measured.affected.filter((p) => !row.target?.includes(p)) : [];
  if (row.target && over.length > 0) return `wider than the target by ${over.map((p) => `\`${p}\``).join(', ')}: needs ${row.blockedBy ?? 'work'}`;
  if (!row.target && row.blockedBy) return `needs ${row.blockedBy}`;
  return 'meets the target';
}

/**
 * The CI table (in TABLE_DOC) for measured rows: the change, what it selects for every target and for
 * `synth`/`deploy`, why, and where it stands against the target.
 *
 * @example
 * renderAffectedTable([{ row, measured }], 20).split('\n')[0]; // '| change in | affected | ...'
 */
export function renderAffectedTable(entries: Array<{ row: AffectedRow; measured: MeasuredRow }>, totalProjects: number): string {
  const lines = [
    '| change in | affected (`nx show projects --affected`) | synth / deploy | why | status |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const { row, measured } of entries) {
    const tasks = Object.entries(measured.withTarget)
      .map(([target, projects]) => `${target}: ${projects.length ? projects.map((p) => `\`${p}\``).join(', ') : 'none'}`)
      .join('; ');
    lines.push(
      `| ${row.files.map((f) => `\`${f}\``).join(', ')} | ${projectsCell(measured.affected, totalProjects)} | ${tasks || '–'} | ${row.why} | ${statusCell(row, measured)} |`,
    );
  }
  return lines.join('\n');
}

/**
 * `document` with the text between the table markers replaced by `table` (the markers stay).
 *
 * @example
 * replaceTableBlock(`a\n${TABLE_START}\nold\n${TABLE_END}\nb`, 'new'); // `a\n${TABLE_START}\nnew\n${TABLE_END}\nb`
 */
export function replaceTableBlock(document: string, table: string): string {
  const start = document.indexOf(TABLE_START);
  const end = document.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new MissingMarkersError(`expected ${TABLE_START} … ${TABLE_END} in the document`);
  return `${document.slice(0, start + TABLE_START.length)}\n${table}\n${document.slice(end)}`;
}

/** Where a measured row differs from what the data file records (empty when it matches). */
export function rowDifferences(row: AffectedRow, measured: MeasuredRow): string[] {
  const diffs: string[] = [];
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((v, i) => v === b[i]);
  if (!same(row.affected, measured.affected)) diffs.push(`affected: recorded ${JSON.stringify(row.affected)}, measured ${JSON.stringify(measured.affected)}`);
  for (const [target, projects] of Object.entries(row.withTarget ?? {})) {
    const got = measured.withTarget[target] ?? [];
    if (!same(projects, got)) diffs.push(`${target}: recorded ${JSON.stringify(projects)}, measured ${JSON.stringify(got)}`);
  }
  return diffs;
}
