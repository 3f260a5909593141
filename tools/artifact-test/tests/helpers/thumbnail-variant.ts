import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../../..');

/**
 * A copy of the thumbnail artifact whose node_modules carry sharp for `cpu` instead of arm64, made
 * by the same packaging command as the build: the bundle is byte for byte the shipped one.
 */
export function thumbnailArtifactWithSharpFor(cpu: 'x64' | 'arm64', thumbnailDir: string): string {
  const copy = path.join(mkdtempSync(path.join(tmpdir(), `thumbnail-sharp-${cpu}-`)), 'thumbnail');
  cpSync(thumbnailDir, copy, { recursive: true });
  // The same arguments as the build's, but the CPU: sharp for `cpu`, libheif-js's WASM copied again.
  const build: string = JSON.parse(readFileSync(path.join(ROOT, 'apps/thumbnail/project.json'), 'utf8')).targets.build.options.command;
  const args = build.replace(/^node /, '').replace('dist/apps/thumbnail', copy).replace('--cpu arm64', `--cpu ${cpu}`).split(' ');
  execFileSync('node', args, {
    cwd: ROOT,
    stdio: 'pipe',
  });
  return copy;
}
