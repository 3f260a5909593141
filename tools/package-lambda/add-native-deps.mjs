#!/usr/bin/env node
// Installs a Lambda bundle's native dependencies (sharp) for the Lambda platform, not this machine's,
// into <dir>/node_modules: esbuild cannot bundle .node files, and Lambda runs linux-arm64.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const HELP = `Usage: node tools/package-lambda/add-native-deps.mjs <bundle-dir> [options]

Writes <bundle-dir>/package.json naming the native packages at the versions the workspace uses,
then runs npm install there for the target platform (from the npm cache when it has them).

Options:
  --package <name>   a package to install (repeatable; default: sharp)
  --cpu <cpu>        target CPU (default: arm64)
  --os <os>          target OS (default: linux)
  --libc <libc>      target libc (default: glibc)
  --copy <file>      a file of the workspace's node_modules to copy to <bundle-dir>/node_modules
                     at the same path (repeatable), after the install: part of a package the
                     bundle leaves external and loads lazily (the thumbnail's libheif-js WASM)
  -h, --help         show this help`;

/** The exact version of a package installed in the workspace, so the Lambda runs what the tests ran. */
export function workspaceVersion(name) {
  const file = path.join(root, 'node_modules', name, 'package.json');
  if (!existsSync(file)) throw new Error(`${name} is not installed in the workspace (run npm ci)`);
  return JSON.parse(readFileSync(file, 'utf8')).version;
}

/** Installs `packages` into `dir/node_modules` for the given platform. */
export function addNativeDeps(dir, { packages = ['sharp'], cpu = 'arm64', os = 'linux', libc = 'glibc' } = {}) {
  mkdirSync(dir, { recursive: true });
  rmSync(path.join(dir, 'node_modules'), { recursive: true, force: true });
  const dependencies = Object.fromEntries(packages.map((name) => [name, workspaceVersion(name)]));
  writeFileSync(
    path.join(dir, 'package.json'),
    `${JSON.stringify({ name: path.basename(dir), private: true, dependencies }, null, 2)}\n`,
  );
  execFileSync(
    'npm',
    [
      'install',
      `--cpu=${cpu}`,
      `--os=${os}`,
      `--libc=${libc}`,
      '--omit=dev',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--ignore-scripts',
      '--loglevel=error',
    ],
    { cwd: dir, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  return dependencies;
}

/** Copies `node_modules/<file>` of the workspace to `dir/node_modules/<file>`; throws if it is not installed. */
export function copyModuleFile(dir, file) {
  const source = path.join(root, 'node_modules', file);
  if (!existsSync(source)) throw new Error(`${file} is not in the workspace's node_modules (run npm ci)`);
  const target = path.join(dir, 'node_modules', file);
  mkdirSync(path.dirname(target), { recursive: true });
  copyFileSync(source, target);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      package: { type: 'string', multiple: true },
      cpu: { type: 'string' },
      os: { type: 'string' },
      libc: { type: 'string' },
      copy: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals.length !== 1) {
    console.log(HELP);
    process.exit(values.help ? 0 : 2);
  }
  const dir = path.resolve(positionals[0]);
  const installed = addNativeDeps(dir, { packages: values.package, cpu: values.cpu, os: values.os, libc: values.libc });
  for (const file of values.copy ?? []) copyModuleFile(dir, file);
  console.log(`installed ${Object.entries(installed).map(([n, v]) => `${n}@${v}`).join(', ')} for ${values.os ?? 'linux'}-${values.cpu ?? 'arm64'} in ${dir}`);
}
