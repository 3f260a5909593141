#!/usr/bin/env node
// Builds the web page: one esbuild bundle (JS + CSS) with content-hashed names, and index.html
// pointing at them, so a CDN may cache the assets forever and only index.html must be revalidated.
// The face detector is a second bundle, a Web Worker the page starts only when the avatar editor
// opens, with its model and tfjs' WASM binaries copied beside it into face-model/.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const workspaceRoot = path.resolve(projectRoot, '../..');

function usage() {
  return `Usage: node apps/web/scripts/build.mjs [--outdir <dir>] [--no-minify]

Bundles apps/web/src/main.ts (and the CSS it imports) for the browser into <dir>
(default dist/apps/web) as app-<hash>.js and app-<hash>.css with source maps, and writes
<dir>/index.html from apps/web/src/index.html. Bundles the face detector's worker,
apps/web/src/face-worker.ts, as face-worker-<hash>.js (its URL is compiled into the app as
__FACE_WORKER_URL__) and copies the BlazeFace model and tfjs' WASM binaries into
<dir>/face-model/. Prints each file's size, raw and gzipped.`;
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

const common = {
  outdir,
  bundle: true,
  platform: 'browser',
  target: ['es2022', 'chrome111', 'firefox113', 'safari16.4'],
  entryNames: '[name]-[hash]',
  minify,
  sourcemap: 'linked',
  legalComments: 'none',
  metafile: true,
  tsconfig: path.join(projectRoot, 'tsconfig.json'),
  logLevel: 'warning',
};
const outputsOf = (result) => Object.keys(result.metafile.outputs).map((file) => path.relative(outdir, path.resolve(workspaceRoot, file)));

// A classic (IIFE) worker script: module workers came late to some of the targets (Firefox 114).
const workerResult = await build({ ...common, entryPoints: { 'face-worker': path.join(projectRoot, 'src/face-worker.ts') }, format: 'iife' });
const worker = outputsOf(workerResult).find((file) => file.endsWith('.js'));
if (!worker) throw new Error('esbuild wrote no face worker');

const result = await build({
  ...common,
  entryPoints: { app: path.join(projectRoot, 'src/main.ts') },
  format: 'esm',
  // The worker's hashed name is part of the app's content, so the app's own hash follows it.
  define: { __FACE_WORKER_URL__: JSON.stringify(`/${worker}`) },
});

const outputs = outputsOf(result);
const script = outputs.find((file) => file.endsWith('.js'));
const style = outputs.find((file) => file.endsWith('.css'));
if (!script || !style) throw new Error(`esbuild wrote no JS or no CSS: ${outputs.join(', ')}`);

const template = readFileSync(path.join(projectRoot, 'src/index.html'), 'utf8');
const html = template
  .replace('<!-- styles -->', `<link rel="stylesheet" href="/${style}" />`)
  .replace('<!-- scripts -->', `<script type="module" src="/${script}"></script>`);
if (html === template) throw new Error('src/index.html lacks the <!-- styles --> and <!-- scripts --> placeholders');
writeFileSync(path.join(outdir, 'index.html'), html);

// The detector's files, fetched by the worker from the page's own origin (never a CDN): the model,
// and tfjs' WASM backend without and with SIMD (multi-threading is off: it needs cross-origin isolation).
const faceFiles = [
  ['libs/media/faces/model/blazeface.json', 'blazeface.json'],
  ['libs/media/faces/model/blazeface.bin', 'blazeface.bin'],
  ['node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm', 'tfjs-backend-wasm.wasm'],
  ['node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-simd.wasm'],
  // The model's and tfjs' licences (MIT, Apache-2.0) travel with them.
  ['libs/media/faces/model/LICENSES/human-MIT.txt', 'LICENSES/human-MIT.txt'],
  ['libs/media/faces/model/LICENSES/mediapipe-blazeface-Apache-2.0.txt', 'LICENSES/mediapipe-blazeface-Apache-2.0.txt'],
].map(([from, name]) => {
  mkdirSync(path.dirname(path.join(outdir, 'face-model', name)), { recursive: true });
  copyFileSync(path.join(workspaceRoot, from), path.join(outdir, 'face-model', name));
  return `face-model/${name}`;
});

for (const file of ['index.html', script, style, worker, ...faceFiles]) {
  const bytes = readFileSync(path.join(outdir, file));
  console.log(`${file.padEnd(40)} ${(bytes.length / 1024).toFixed(1).padStart(6)} kB  (gzip ${(gzipSync(bytes).length / 1024).toFixed(1)} kB)`);
}
