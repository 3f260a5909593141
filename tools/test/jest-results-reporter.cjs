// @ts-check
// A jest reporter (set in jest.preset.js): writes each run's counts to tmp/jest-results/<project>.json,
// which `npm test` sums; reporters are config, so the results file exists however jest is started.
const { mkdirSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const RESULTS_DIR = path.resolve(__dirname, '../../tmp/jest-results');

class JestResultsReporter {
  /** @param {{ rootDir: string }} globalConfig */
  constructor(globalConfig) {
    // Nx names the task's project; a direct `npx jest -c <dir>/jest.config.cjs` falls back to the folder.
    this.name = process.env.NX_TASK_TARGET_PROJECT || path.basename(globalConfig.rootDir);
  }

  /**
   * @param {unknown} _contexts
   * @param {import('@jest/reporters').AggregatedResult} results
   */
  onRunComplete(_contexts, results) {
    mkdirSync(RESULTS_DIR, { recursive: true });
    const summary = {
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
        failureMessage: file.failureMessage ?? null,
      })),
    };
    writeFileSync(path.join(RESULTS_DIR, `${this.name}.json`), `${JSON.stringify(summary, null, 2)}\n`);
  }
}

module.exports = JestResultsReporter;
