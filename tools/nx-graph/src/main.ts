import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DATA_FILE, WORKSPACE_ROOT, measureRows, readAffectedRows, workspaceProjects, writeAffectedRows } from './affected';
import { TABLE_DOC, renderAffectedTable, replaceTableBlock, rowDifferences } from './table';

const HELP = `Usage: npx tsx tools/nx-graph/src/main.ts <command> [--write]

Measures, for each row of tools/nx-graph/affected-sets.json, what
\`nx show projects --affected --files=<files>\` selects (and, per target the row names, which of
those have it), without the Nx daemon.

Commands:
  table            print the CI table of the measured rows
  table --write    write it into ${TABLE_DOC}, between the nx-graph:affected markers
  check            exit 1 when a measured set differs from the one recorded in the data file
  update           record the measured sets in the data file (after merging a branch; review the diff)

Options:
  -h, --help       this text`;

async function measureAll() {
  const rows = readAffectedRows();
  const measured = await measureRows(rows);
  return rows.map((row, i) => ({ row, measured: measured[i] ?? { affected: [], withTarget: {} } }));
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { help: { type: 'boolean', short: 'h' }, write: { type: 'boolean' } },
  });
  const [command, ...extra] = positionals;
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (!command || extra.length > 0 || !['table', 'check', 'update'].includes(command) || (values.write && command !== 'table')) {
    console.error(HELP);
    return 2;
  }
  const entries = await measureAll();
  if (command === 'table') {
    const total = (await workspaceProjects()).length;
    const table = renderAffectedTable(entries, total);
    if (!values.write) {
      console.log(table);
      return 0;
    }
    const doc = path.join(WORKSPACE_ROOT, TABLE_DOC);
    writeFileSync(doc, replaceTableBlock(readFileSync(doc, 'utf8'), table));
    console.log(`written: ${TABLE_DOC} (${entries.length} rows)`);
    return 0;
  }
  if (command === 'check') {
    const diffs = entries.flatMap(({ row, measured }) => rowDifferences(row, measured).map((d) => `${row.files.join(',')}: ${d}`));
    for (const d of diffs) console.error(d);
    console.log(diffs.length ? `${diffs.length} difference(s) from ${path.relative(WORKSPACE_ROOT, DATA_FILE)}` : 'every row matches');
    return diffs.length ? 1 : 0;
  }
  writeAffectedRows(
    entries.map(({ row, measured }) => ({
      ...row,
      affected: measured.affected,
      ...(row.withTarget ? { withTarget: measured.withTarget } : {}),
    })),
  );
  console.log(`written: ${path.relative(WORKSPACE_ROOT, DATA_FILE)} (${entries.length} rows)`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
    process.exit(1);
  },
);
