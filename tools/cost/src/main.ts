// `npx tsx tools/cost/src/main.ts`: the cost per 1 M avatar changes, computed from the code's constants.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { costTable } from './model';

export const README = path.resolve(__dirname, '../../../infra/README.md');
const START = '<!-- cost:start -->';
const END = '<!-- cost:end -->';

const HELP = `Usage: npx tsx tools/cost/src/main.ts <command>

Prints the variable cost of 1 M avatar changes, computed from the code's own constants (renditions,
the page's poll schedule, the authorizer cache, function sizes), the assumptions and the prices in
tools/cost/src (each with its source).

Commands:
  table           print the table
  table --write   write it into infra/README.md, between the cost markers
  check           exit 1 when infra/README.md's table is not what the code gives today

Options:
  -h, --help      this text`;

/** The README with the table between its markers replaced by `table`. */
export function withTable(readme: string, table: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`infra/README.md lacks the ${START} … ${END} markers`);
  return `${readme.slice(0, start + START.length)}\n${table}\n${readme.slice(end)}`;
}

export function main(args: readonly string[]): number {
  const [command, flag] = args;
  if (!command || command === '-h' || command === '--help') {
    console.log(HELP);
    return command ? 0 : 2;
  }
  const table = costTable();
  if (command === 'table' && flag === '--write') {
    writeFileSync(README, withTable(readFileSync(README, 'utf8'), table));
    return 0;
  }
  if (command === 'table' && flag === undefined) {
    console.log(table);
    return 0;
  }
  if (command === 'check' && flag === undefined) {
    const readme = readFileSync(README, 'utf8');
    if (withTable(readme, table) === readme) return 0;
    console.error('infra/README.md: the cost table is stale: run `npx tsx tools/cost/src/main.ts table --write`');
    return 1;
  }
  console.error(`unknown command: ${args.join(' ')}\n\n${HELP}`);
  return 2;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
