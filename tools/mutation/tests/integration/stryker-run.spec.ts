// The real thing once: Stryker (jest runner) with stryker.preset.mjs over a tiny lib whose tests miss a
// branch: the run must find the survivors, write both reports and the lib's table row, and fail under 95 %.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const REPO = path.resolve(__dirname, '../../../..');
let root: string;

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'mutation-run-'));
  symlinkSync(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  const files: Record<string, string> = {
    'libs/tiny/project.json': JSON.stringify({ name: 'tiny' }),
    'libs/tiny/jest.config.cjs': "module.exports = { rootDir: __dirname, testEnvironment: 'node', testMatch: ['<rootDir>/tests/**/*.spec.js'] };",
    'libs/tiny/stryker.config.mjs': `import { strykerPreset } from ${JSON.stringify(path.join(REPO, 'stryker.preset.mjs'))};\nexport default strykerPreset(import.meta.url, { mutate: ['src/**/*.js'] });\n`,
    'libs/tiny/src/clamp.js': 'exports.clamp = (n, lo, hi) => (n < lo ? lo : n > hi ? hi : n);\n',
    // Only the low side is tested: the mutants of `n > hi` survive.
    'libs/tiny/tests/unit/clamp.spec.js':
      "const { clamp } = require('../../src/clamp');\ntest('keeps a value inside', () => expect(clamp(5, 0, 10)).toBe(5));\ntest('raises a low value', () => expect(clamp(-1, 0, 10)).toBe(0));\n",
    // The in-process tier only: this spec would kill the survivors, were it run.
    'libs/tiny/tests/integration/clamp.spec.js': "const { clamp } = require('../../src/clamp');\ntest('lowers a high value', () => expect(clamp(11, 0, 10)).toBe(10));\n",
    'docs/mutation-testing.md': '# scores\n\n<!-- mutation-scores:start -->\n<!-- mutation-scores:end -->\n',
    'package.json': '{}',
  };
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

it('finds the untested branch, writes both reports and the table row, and fails under 95 %', () => {
  const run = spawnSync(process.execPath, [path.join(REPO, 'node_modules/@stryker-mutator/core/bin/stryker.js'), 'run', 'libs/tiny/stryker.config.mjs', '--concurrency', '1'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 150_000,
  });
  expect(run.status).toBe(1);
  expect(run.stdout + run.stderr).toMatch(/Final mutation score [\d.]+ under breaking threshold 95/);
  expect(run.stdout).toMatch(/\[Survived\] \w+\nlibs\/tiny\/src\/clamp\.js:1:\d+/);
  expect(existsSync(path.join(root, 'reports/mutation/tiny/index.html'))).toBe(true);
  const report = JSON.parse(readFileSync(path.join(root, 'reports/mutation/tiny/mutation.json'), 'utf8'));
  expect(Object.keys(report.files)).toEqual(['libs/tiny/src/clamp.js']);
  const table = readFileSync(path.join(root, 'docs/mutation-testing.md'), 'utf8');
  expect(table).toMatch(/\n\| `libs\/tiny` \| \d+\.\d % \| \d+ \| [1-9]\d* \| 0 \| \d{4}-\d\d-\d\d, no git \|\n<!-- mutation-scores:end -->/);
}, 180_000);
