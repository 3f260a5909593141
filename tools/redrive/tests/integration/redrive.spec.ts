import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { HELP } from '../../src/cli';

const WORKSPACE = path.resolve(__dirname, '..', '..', '..', '..');

describe('tools/redrive CLI', () => {
  it('prints --help from a real process', () => {
    const result = spawnSync(path.join(WORKSPACE, 'node_modules', '.bin', 'tsx'), ['tools/redrive/src/main.ts', '--help'], { cwd: WORKSPACE, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(HELP);
    expect(result.stdout).toContain('--dry-run');
    expect(result.stdout).toContain('--max <n>');
  });
});
