import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readAffectedRows, type AffectedRow } from '../../src/affected';
import { AffectedDataError, MissingMarkersError } from '../../src/errors';
import { TABLE_END, TABLE_START, renderAffectedTable, replaceTableBlock, rowDifferences } from '../../src/table';

const row: AffectedRow = {
  files: ['apps/presign/src/handler.ts'],
  why: 'its own stack',
  affected: ['infra', 'presign'],
  withTarget: { deploy: ['infra', 'presign'] },
};

describe('renderAffectedTable', () => {
  it('shows each change with its count, per-target tasks, why and status', () => {
    const table = renderAffectedTable([{ row, measured: { affected: row.affected, withTarget: { deploy: ['infra', 'presign'] } } }], 20);
    expect(table.split('\n')).toEqual([
      '| change in | affected (`nx show projects --affected`) | synth / deploy | why | status |',
      '| --- | --- | --- | --- | --- |',
      '| `apps/presign/src/handler.ts` | 2 of 20: `infra`, `presign` | deploy: `infra`, `presign` | its own stack | meets the target |',
    ]);
  });

  it('names what is wider than the target and what it waits on', () => {
    const wide = { ...row, target: ['presign'], blockedBy: 'the split' };
    const table = renderAffectedTable([{ row: wide, measured: { affected: ['infra', 'jwt', 'presign'], withTarget: {} } }], 20);
    expect(table).toContain('| wider than the target by `infra`, `jwt`: needs the split |');
    expect(table).toContain('| 3 of 20: `infra`, `jwt`, `presign` | – |');
  });
});

describe('rowDifferences', () => {
  it('is empty when the measurement matches the record', () => {
    expect(rowDifferences(row, { affected: ['infra', 'presign'], withTarget: { deploy: ['infra', 'presign'] } })).toEqual([]);
  });

  it('reports a widened set and a changed target set', () => {
    expect(rowDifferences(row, { affected: ['infra', 'jwt', 'presign'], withTarget: { deploy: ['presign'] } })).toEqual([
      'affected: recorded ["infra","presign"], measured ["infra","jwt","presign"]',
      'deploy: recorded ["infra","presign"], measured ["presign"]',
    ]);
  });
});

describe('replaceTableBlock', () => {
  it('replaces only the text between the markers', () => {
    const doc = `# CI\n\n${TABLE_START}\nold\n${TABLE_END}\n\nafter\n`;
    expect(replaceTableBlock(doc, '| new |')).toBe(`# CI\n\n${TABLE_START}\n| new |\n${TABLE_END}\n\nafter\n`);
  });

  it('refuses a document without the markers', () => {
    expect(() => replaceTableBlock('# CI\n', 'x')).toThrow(MissingMarkersError);
  });
});

describe('readAffectedRows', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'nx-graph-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, data: unknown) => {
    const file = path.join(dir, name);
    writeFileSync(file, JSON.stringify(data));
    return file;
  };

  it('reads the real data file: every row names files and a sorted affected set', () => {
    const rows = readAffectedRows();
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const r of rows) expect(r.affected).toEqual([...r.affected].sort());
  });

  it.each([
    ['no rows', {}, /expected \{ "rows": \[\.\.\.\] \}/],
    ['empty files', { rows: [{ files: [], why: '', affected: [] }] }, /rows\[0\]\.files: expected a non-empty list/],
    ['affected not names', { rows: [{ files: ['a'], why: '', affected: [1] }] }, /rows\[0\]\.affected/],
    ['withTarget not lists', { rows: [{ files: ['a'], why: '', affected: [], withTarget: { deploy: 'x' } }] }, /withTarget/],
  ])('rejects %s with a message saying what was expected', (name, data, message) => {
    const file = write(`${name.replace(/\W/g, '-')}.json`, data);
    expect(() => readAffectedRows(file)).toThrow(AffectedDataError);
    expect(() => readAffectedRows(file)).toThrow(message);
  });
});
