import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { WORKSPACE_ROOT } from './affected';
import { folderAliasRenames, rewriteImports } from './import-paths';

const HELP = `Usage: npx tsx tools/nx-graph/src/rename-imports.ts [--write]

Makes every lib's import path name its folder: libs/<group>/<lib> is imported as
@cruddur/<group>/<lib> (e.g. @cruddur/jwt → @cruddur/auth/jwt). The map is derived from
tsconfig.base.json's paths, so libs added on other branches are included. Without --write it
prints the map and the files it would change; with --write it rewrites tsconfig.base.json and
every quoted use in git-tracked .ts/.mts/.cts/.js/.mjs/.cjs/.json/.md files. Jest and ESLint
read the aliases from tsconfig.base.json, so nothing else needs editing; run npm test after.

Options:
  --write      apply the renames
  -h, --help   this text`;

const EXTENSIONS = /\.(ts|mts|cts|js|mjs|cjs|json|md)$/;

function main(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { write: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const base = path.join(WORKSPACE_ROOT, 'tsconfig.base.json');
  const paths = (JSON.parse(readFileSync(base, 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } }).compilerOptions.paths;
  const renames = folderAliasRenames('@cruddur', paths);
  for (const r of renames) console.log(`${r.from.padEnd(30)} → ${r.to.padEnd(34)} (${r.folder})`);
  if (renames.length === 0) {
    console.log('every import path already names its folder');
    return 0;
  }
  const files = execFileSync('git', ['ls-files'], { cwd: WORKSPACE_ROOT, encoding: 'utf8' })
    .split('\n')
    .filter((f) => EXTENSIONS.test(f) && !f.startsWith('node_modules/') && f !== 'package-lock.json');
  let changed = 0;
  for (const file of files) {
    const full = path.join(WORKSPACE_ROOT, file);
    const text = readFileSync(full, 'utf8');
    const next = rewriteImports(text, renames);
    if (next === text) continue;
    changed += 1;
    if (values.write) writeFileSync(full, next);
    else console.log(`  would change ${file}`);
  }
  console.log(values.write ? `rewritten: ${changed} files` : `${changed} files would change (--write to apply)`);
  return 0;
}

process.exit(main(process.argv.slice(2)));
