// The real thing once: the CLI as a child process runs StrykerJS (jest runner) over a tiny project
// whose tests miss a branch, so the run must find the survivors and fail under the target.
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
    'tools/mutation/mutation.config.json': JSON.stringify({ target: 95, projects: { tiny: { mutate: ['src/**/*.js'] } } }),
    'libs/tiny/project.json': JSON.stringify({ name: 'tiny' }),
    'libs/tiny/jest.config.cjs': "module.exports = { rootDir: __dirname, testEnvironment: 'node', testMatch: ['<rootDir>/tests/**/*.spec.js'] };",
    'libs/tiny/src/clamp.js': 'exports.clamp = (n, lo, hi) => (n < lo ? lo : n > hi ? hi : n);\n',
    // Only the low side is tested: the mutants of `n > hi` survive.
    'libs/tiny/tests/clamp.spec.js':
      "const { clamp } = require('../src/clamp');\ntest('keeps a value inside', () => expect(clamp(5, 0, 10)).toBe(5));\ntest('raises a low value', () => expect(clamp(-1, 0, 10)).toBe(0));\n",
    'README.md': '# tiny\n',
  };
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

it('finds the untested branch, writes both reports and fails under the target', () => {
  const run = spawnSync(process.execPath, [path.join(REPO, 'node_modules/tsx/dist/cli.mjs'), path.join(REPO, 'tools/mutation/src/main.ts'), 'tiny', '--workspace', root, '--concurrency', '1'], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: 150_000,
  });
  expect(run.status).toBe(1);
  const summary = /mutation: tiny ([\d.]+) % \(target 95 %\): (\d+) killed, (\d+) survived/.exec(run.stdout);
  expect(summary).not.toBeNull();
  expect(Number(summary?.[1])).toBeLessThan(95);
  expect(Number(summary?.[3])).toBeGreaterThan(0);
  expect(run.stdout).toMatch(/survived {2}libs\/tiny\/src\/clamp\.js:1:\d+ {2}\w+/);
  expect(existsSync(path.join(root, 'reports/mutation/tiny/index.html'))).toBe(true);
  const report = JSON.parse(readFileSync(path.join(root, 'reports/mutation/tiny/mutation.json'), 'utf8'));
  expect(Object.keys(report.files)).toEqual([expect.stringMatching(/libs\/tiny\/src\/clamp\.js$/)]);
  expect(JSON.parse(readFileSync(path.join(root, 'tools/mutation/scores.json'), 'utf8')).tiny.score).toBe(Number(summary?.[1]));
}, 180_000);
