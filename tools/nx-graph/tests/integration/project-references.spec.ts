import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { WORKSPACE_ROOT } from '../../src/affected';

type ConfigCheck = { config: string; project: string; expected: string[]; missing: string[]; stale: string[]; options: string[] };

const { describeProblems } = require('../../src/typecheck-plugin.cjs') as { describeProblems: (checks: ConfigCheck[]) => string[] };

let checks: ConfigCheck[];

// The project graph is computed in a plain node child (Nx loads its native module and plugin workers there).
beforeAll(async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ['tools/nx-graph/src/typecheck-plugin.cjs', '--json'], {
    cwd: WORKSPACE_ROOT,
    maxBuffer: 16 * 1024 * 1024,
    env: { ...process.env, NX_DAEMON: 'false' },
  });
  checks = JSON.parse(stdout) as ConfigCheck[];
}, 120_000);

describe("every project's tsconfig references exactly the projects its files import (the Nx project graph)", () => {
  it('reads every project tsconfig, the extra tsconfig.spec.json ones included', () => {
    expect(checks.length).toBeGreaterThan(30);
    expect(checks.map((c) => c.config)).toEqual(expect.arrayContaining(['apps/web/tsconfig.json', 'apps/web/tsconfig.spec.json', 'libs/shared/contract/tsconfig.spec.json']));
  });

  it('has no missing or stale reference and every config is composite, declarations only, into dist/out-tsc (fix: node tools/nx-graph/src/typecheck-plugin.cjs --write)', () => {
    expect(describeProblems(checks)).toEqual([]);
  });

  it("a project's tsconfig.spec.json checks only what its tsconfig.json does not, through a reference to it", () => {
    const specs = checks.filter((c) => c.config.endsWith('/tsconfig.spec.json'));
    expect(specs.length).toBeGreaterThan(0);
    for (const { config } of specs) {
      const spec = JSON.parse(readFileSync(path.join(WORKSPACE_ROOT, config), 'utf8')) as { include: string[]; references?: { path: string }[] };
      expect({ config, references: spec.references?.map((r) => r.path) }).toEqual({ config, references: expect.arrayContaining(['./tsconfig.json']) });
      expect({ config, include: spec.include }).toEqual({ config, include: expect.not.arrayContaining(['src/**/*.ts']) });
    }
  });
});
