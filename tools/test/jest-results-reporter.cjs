// @ts-check
// A jest reporter (set in jest.preset.js): writes each run's counts to tmp/jest-results/<project>.json,
// which `npm test` sums; reporters are config, so the results file exists however jest is started.
const { mkdirSync, writeFileSync } = require('node:fs');
const path = require('node:path');

// A test of this reporter points it elsewhere, so that its jest runs are not summed by `npm test`.
const RESULTS_DIR = process.env.CRUDDUR_JEST_RESULTS_DIR || path.resolve(__dirname, '../../tmp/jest-results');
/**
 * Set (in ms) by `npm test`: jest that has not exited this long after its run is held open by
 * something a test left running (a child process, a server) and would wait for ever: CI once
 * spent 80 of its 90 minutes on one such run. The watchdog says so and exits 1.
 */
const WATCHDOG_ENV = 'CRUDDUR_JEST_EXIT_WATCHDOG_MS';

class JestResultsReporter {
  /** @param {{ rootDir: string }} globalConfig */
  constructor(globalConfig) {
    // Nx names the task's project and target (a tier: test, integration, e2e); a direct
    // `npx jest -c <dir>/jest.config.cjs` falls back to the folder.
    const project = process.env.NX_TASK_TARGET_PROJECT || path.basename(globalConfig.rootDir);
    const target = process.env.NX_TASK_TARGET_TARGET;
    this.name = target && target !== 'test' ? `${project}-${target}` : project;
  }

  /**
   * @param {unknown} _contexts
   * @param {import('@jest/reporters').AggregatedResult} results
   */
  onRunComplete(_contexts, results) {
    mkdirSync(RESULTS_DIR, { recursive: true });
    const summary = {
      // Wall time of this jest run and of each file, to see which tier and which file costs what.
      durationMs: Date.now() - results.startTime,
      // `results.success` is only settled after the reporters ran: derived here from the counts.
      success: results.numFailedTestSuites === 0 && results.numRuntimeErrorTestSuites === 0 && !results.wasInterrupted,
      numTotalTestSuites: results.numTotalTestSuites,
      numFailedTestSuites: results.numFailedTestSuites,
      numRuntimeErrorTestSuites: results.numRuntimeErrorTestSuites,
      numTotalTests: results.numTotalTests,
      numPassedTests: results.numPassedTests,
      numFailedTests: results.numFailedTests,
      numPendingTests: results.numPendingTests,
      testResults: results.testResults.map((file) => ({
        name: path.relative(path.resolve(__dirname, '../..'), file.testFilePath),
        status: file.numFailingTests > 0 || file.testExecError ? 'failed' : 'passed',
        durationMs: file.perfStats.end - file.perfStats.start,
        failureMessage: file.failureMessage ?? null,
      })),
    };
    writeFileSync(path.join(RESULTS_DIR, `${this.name}.json`), `${JSON.stringify(summary, null, 2)}\n`);
    armExitWatchdog(this.name);
  }
}

/**
 * @param {string} name
 * @param {NodeJS.ProcessEnv} env
 * @returns {NodeJS.Timeout | undefined} the armed timer, or undefined when the variable is unset
 */
function armExitWatchdog(name, env = process.env) {
  const ms = Number(env[WATCHDOG_ENV]);
  if (!Number.isFinite(ms) || ms <= 0) return undefined;
  // unref: a jest that exits on its own is never held up by the watchdog itself.
  return setTimeout(() => {
    process.stderr.write(
      `\n${name}: jest had not exited ${ms} ms after its tests finished: a test left something running ` +
        '(a child process, a server, a timer). Exiting 1 (a child process it started may outlive it); ' +
        'run `npx jest --detectOpenHandles` on the project to find it.\n',
    );
    process.exit(1);
  }, ms).unref();
}

module.exports = JestResultsReporter;
module.exports.WATCHDOG_ENV = WATCHDOG_ENV;
module.exports.armExitWatchdog = armExitWatchdog;
