import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../../..');

/**
 * A copy of the thumbnail artifact whose node_modules carry sharp for `cpu` instead of arm64, made
 * by the same packaging script as the build: the bundle is byte for byte the shipped one.
 */
export function thumbnailArtifactWithSharpFor(cpu: 'x64' | 'arm64', thumbnailDir: string): string {
  const copy = path.join(mkdtempSync(path.join(tmpdir(), `thumbnail-sharp-${cpu}-`)), 'thumbnail');
  cpSync(thumbnailDir, copy, { recursive: true });
  execFileSync('node', ['tools/package-lambda/add-native-deps.mjs', copy, '--package', 'sharp', '--cpu', cpu, '--os', 'linux'], {
    cwd: ROOT,
    stdio: 'pipe',
  });
  return copy;
}
