import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { WebBuildError } from '../errors';

export interface WebSite {
  /** The folder to serve, or undefined when there is nothing to serve yet. */
  root: string | undefined;
  /** Why there is nothing to serve, for the placeholder page. */
  reason?: string;
}

export interface WebBuildOptions {
  workspaceRoot: string;
  /** Build with `nx run web:build` when the output is missing or older than the sources. */
  build: boolean;
  log: (line: string) => void;
}

const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'tests', 'e2e', '.nx']);

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) newest = Math.max(newest, newestMtime(path.join(dir, entry.name)));
    } else if (!/\.spec\.[cm]?[jt]sx?$/.test(entry.name)) {
      newest = Math.max(newest, statSync(path.join(dir, entry.name)).mtimeMs);
    }
  }
  return newest;
}

/** nx's command-line entry, from its package.json `bin`. */
function nxBin(workspaceRoot: string): string {
  const packageDir = path.join(workspaceRoot, 'node_modules/nx');
  const { bin } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  return path.join(packageDir, bin['nx'] ?? 'bin/nx.js');
}

function runNxBuild(workspaceRoot: string, log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [nxBin(workspaceRoot), 'run', 'web:build', '--outputStyle=static'], {
      cwd: workspaceRoot,
      env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (error) => reject(new WebBuildError(`could not run nx: ${error.message}`, { cause: error })));
    child.on('close', (code) => {
      if (code === 0) return resolve();
      log(output.trim().split('\n').slice(-20).join('\n'));
      reject(new WebBuildError(`nx run web:build failed (exit code ${code})`));
    });
  });
}

/**
 * The web page to serve: `dist/apps/web`, built first when it is missing or older than
 * `apps/web` (Nx's cache makes an unchanged rebuild quick). Without an `apps/web` project there is
 * nothing to build and the placeholder is served.
 *
 * @throws WebBuildError when the build fails
 */
export async function prepareWebSite(options: WebBuildOptions): Promise<WebSite> {
  const project = path.join(options.workspaceRoot, 'apps/web');
  const output = path.join(options.workspaceRoot, 'dist/apps/web');
  const index = path.join(output, 'index.html');
  if (!existsSync(path.join(project, 'project.json'))) {
    return { root: undefined, reason: 'the apps/web project does not exist yet.' };
  }
  const stale = !existsSync(index) || statSync(index).mtimeMs < newestMtime(project);
  if (stale && options.build) {
    options.log('web: building apps/web (npx nx run web:build)…');
    const started = Date.now();
    await runNxBuild(options.workspaceRoot, options.log);
    options.log(`web: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } else if (stale && existsSync(index)) {
    options.log('web: dist/apps/web is older than apps/web; serving it anyway (building is off)');
  }
  if (!existsSync(index)) {
    return { root: undefined, reason: 'apps/web has not been built: run `npx nx run web:build`.' };
  }
  return { root: output };
}
