import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const WORKSPACE = path.resolve(__dirname, '../../../..');
const REPORTER = path.join(WORKSPACE, 'tools/test/jest-results-reporter.cjs');
const JEST = path.join(WORKSPACE, 'node_modules/jest/bin/jest.js');

// CI once spent 80 of its 90 minutes on a jest that a failed test had left a child process to: the
// shared reporter's watchdog (armed by `npm test`) turns that into a failure with a message.
describe("the jest reporter's exit watchdog", () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'jest-watchdog-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function runJest(testBody: string, env: Record<string, string>, resultsFile = (name: string) => `${name}.json`) {
    const name = `case-${Math.random().toString(36).slice(2)}`;
    const root = path.join(dir, name);
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root);
    writeFileSync(path.join(root, 'probe.test.js'), `test('probe', () => {\n${testBody}\n});\n`);
    writeFileSync(path.join(root, 'jest.config.js'), `module.exports = { rootDir: __dirname, testMatch: ['**/*.test.js'], transform: {}, reporters: [${JSON.stringify(REPORTER)}] };\n`);
    const results = path.join(root, 'results');
    const run = spawnSync(process.execPath, [JEST, '-c', path.join(root, 'jest.config.js'), '--runInBand'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      // As Nx runs a project's `test` target (the tier this spec runs in sets another).
      env: { ...process.env, NX_TASK_TARGET_PROJECT: name, NX_TASK_TARGET_TARGET: 'test', CRUDDUR_JEST_RESULTS_DIR: results, ...env },
    });
    const summary = JSON.parse(readFileSync(path.join(results, resultsFile(name)), 'utf8')) as { numPassedTests: number };
    return { status: run.status, signal: run.signal, stderr: run.stderr, summary };
  }

  // A server left listening is what a leaked stack amounts to in the jest process: it dies with it.
  const LEAK = "require('node:net').createServer().listen(0, '127.0.0.1');";

  it('exits 1 with a message when a test leaves a server open', () => {
    const run = runJest(LEAK, { CRUDDUR_JEST_EXIT_WATCHDOG_MS: '1500' });
    expect(run.signal).toBeNull();
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/jest had not exited 1500 ms after its tests finished: a test left something running/);
    expect(run.summary.numPassedTests).toBe(1);
  });

  it("names the results of a heavier tier's run after the project and the tier, so npm test sums them apart", () => {
    const run = runJest('expect(1).toBe(1);', { NX_TASK_TARGET_TARGET: 'integration' }, (name) => `${name}-integration.json`);
    expect(run.status).toBe(0);
    expect(run.summary.numPassedTests).toBe(1);
  });

  it('keeps out of the way of a jest that exits on its own', () => {
    const run = runJest('expect(1).toBe(1);', { CRUDDUR_JEST_EXIT_WATCHDOG_MS: '60000' });
    expect(run.status).toBe(0);
    expect(run.stderr).not.toMatch(/had not exited/);
  });

  it('arms no timer unless the variable is a positive number of ms', () => {
    const { armExitWatchdog } = require(REPORTER) as { armExitWatchdog: (name: string, env: NodeJS.ProcessEnv) => NodeJS.Timeout | undefined };
    for (const value of [undefined, '', '0', '-5', 'soon']) expect(armExitWatchdog('probe', { CRUDDUR_JEST_EXIT_WATCHDOG_MS: value })).toBeUndefined();
    const timer = armExitWatchdog('probe', { CRUDDUR_JEST_EXIT_WATCHDOG_MS: '600000' });
    expect(timer).toBeDefined();
    clearTimeout(timer);
  });

  it('is off unless armed (a direct `npx jest` waits, as jest does)', () => {
    const run = runJest(`${LEAK} setTimeout(() => process.exit(0), 4000);`, { CRUDDUR_JEST_EXIT_WATCHDOG_MS: '' });
    // Held open until the test's own 4 s exit: no watchdog message, and its exit code, 0.
    expect(run.status).toBe(0);
    expect(run.stderr).not.toMatch(/had not exited/);
  });
});
