import { FUNCTION_COMPONENTS } from '@cruddur/shared/contract';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { WORKSPACE_ROOT, measureRows, readAffectedRows, workspaceProjects, type MeasuredRow } from '../../src/affected';
import { TABLE_DOC, TABLE_END, TABLE_START, renderAffectedTable, rowDifferences } from '../../src/table';

// Each row is one `nx show projects --affected` process (about 3 s of CPU): measured once, up front.
jest.setTimeout(10 * 60 * 1000);

const rows = readAffectedRows();

describe('nx affected selects what a change touches (tools/nx-graph/affected-sets.json)', () => {
  let measured: MeasuredRow[];
  let total: number;

  beforeAll(async () => {
    [measured, total] = await Promise.all([measureRows(rows), workspaceProjects().then((all) => all.length)]);
  });

  it.each(rows.map((row, i) => [row.files.join(', '), i] as const))('a change in %s selects the recorded projects and tasks', (_files, i) => {
    expect(rowDifferences(rows[i]!, measured[i]!)).toEqual([]);
  });

  it('rows that are not waiting on other work meet their target', () => {
    for (const row of rows.filter((r) => r.target && !r.blockedBy)) expect(row.affected).toEqual(row.target);
    for (const row of rows.filter((r) => r.target)) expect(row.target).toEqual([...row.target!].sort());
  });

  it("a function's change selects infra's synth and that function's deploy, no other function's", () => {
    const functions: readonly string[] = FUNCTION_COMPONENTS;
    for (const [i, row] of rows.entries()) {
      const fn = functions.find((f) => row.files.every((file) => file.startsWith(`apps/${f}/`)));
      if (!fn) continue;
      expect(measured[i]!.withTarget['synth']).toEqual(['infra']);
      expect(measured[i]!.withTarget['deploy']!.filter((p) => functions.includes(p))).toEqual([fn]);
    }
    expect(rows.some((row) => row.files.some((f) => f.startsWith('apps/thumbnail/')))).toBe(true);
  });

  it("docs/testing.md's CI table is the one the rows render (regenerate: npx tsx tools/nx-graph/src/main.ts table --write)", () => {
    expect(TABLE_DOC).toBe('docs/testing.md');
    const doc = readFileSync(path.join(WORKSPACE_ROOT, TABLE_DOC), 'utf8');
    expect(doc.indexOf(TABLE_START)).toBeGreaterThanOrEqual(0);
    expect(doc.indexOf(TABLE_END)).toBeGreaterThan(doc.indexOf(TABLE_START));
    const block = doc.slice(doc.indexOf(TABLE_START) + TABLE_START.length, doc.indexOf(TABLE_END)).trim();
    const recorded = rows.map((row) => ({ row, measured: { affected: row.affected, withTarget: row.withTarget ?? {} } }));
    expect(block).toBe(renderAffectedTable(recorded, total));
  });
});
