#!/usr/bin/env node
// Builds the web page: one esbuild bundle (JS + CSS) with content-hashed names, and index.html
// pointing at them, so a CDN may cache the assets forever and only index.html must be revalidated.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const workspaceRoot = path.resolve(projectRoot, '../..');

function usage() {
  return `Usage: node apps/web/scripts/build.mjs [--outdir <dir>] [--no-minify]

Bundles apps/web/src/main.ts (and the CSS it imports) for the browser into <dir>
(default dist/apps/web) as app-<hash>.js and app-<hash>.css with source maps, and writes
<dir>/index.html from apps/web/src/index.html. Prints each file's size, raw and gzipped.`;
}

function parseArgs(argv) {
  const options = { outdir: path.join(workspaceRoot, 'dist/apps/web'), minify: true };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      console.log(usage());
      process.exit(0);
    } else if (arg === '--outdir' && argv[i + 1]) {
      options.outdir = path.resolve(argv[(i += 1)]);
    } else if (arg === '--no-minify') {
      options.minify = false;
    } else {
      console.error(`Unknown argument: ${arg}\n\n${usage()}`);
      process.exit(2);
    }
  }
  return options;
}

const { outdir, minify } = parseArgs(process.argv.slice(2));
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

const result = await build({
  entryPoints: { app: path.join(projectRoot, 'src/main.ts') },
  outdir,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['es2022', 'chrome111', 'firefox113', 'safari16.4'],
  entryNames: '[name]-[hash]',
  minify,
  sourcemap: 'linked',
  legalComments: 'none',
  metafile: true,
  tsconfig: path.join(projectRoot, 'tsconfig.json'),
  logLevel: 'warning',
});

const outputs = Object.keys(result.metafile.outputs).map((file) => path.relative(outdir, path.resolve(workspaceRoot, file)));
const script = outputs.find((file) => file.endsWith('.js'));
const style = outputs.find((file) => file.endsWith('.css'));
if (!script || !style) throw new Error(`esbuild wrote no JS or no CSS: ${outputs.join(', ')}`);

const template = readFileSync(path.join(projectRoot, 'src/index.html'), 'utf8');
const html = template
  .replace('<!-- styles -->', `<link rel="stylesheet" href="/${style}" />`)
  .replace('<!-- scripts -->', `<script type="module" src="/${script}"></script>`);
if (html === template) throw new Error('src/index.html lacks the <!-- styles --> and <!-- scripts --> placeholders');
writeFileSync(path.join(outdir, 'index.html'), html);

for (const file of ['index.html', script, style]) {
  const bytes = readFileSync(path.join(outdir, file));
  console.log(`${file.padEnd(24)} ${(bytes.length / 1024).toFixed(1).padStart(6)} kB  (gzip ${(gzipSync(bytes).length / 1024).toFixed(1)} kB)`);
}
