import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FunctionName } from './targets';

function findWorkspaceRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'nx.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no Nx workspace (nx.json) above ${from}`);
  }
}

/** The workspace root, found from this file whether it runs from source or from dist. */
export const WORKSPACE_ROOT = findWorkspaceRoot(__dirname);

/** The plain-JavaScript runner that loads a bundle in a fresh process (no TypeScript loader). */
export const LAMBDA_RUNNER = path.join(__dirname, 'runners', 'lambda-runner.cjs');

/** Where `nx run <fn>:build` writes a function's bundle. */
export function bundlePath(fn: FunctionName): string {
  return path.join(WORKSPACE_ROOT, 'dist', 'apps', fn, 'index.js');
}
