// @ts-check
// A Stryker reporter (`score-table`, loaded by stryker.preset.mjs): after each run it writes the lib's row of
// the score table in docs/mutation-testing.md from the metrics Stryker itself computed, so the table shows
// every mutation-tested lib's last run. Stryker's HTML and JSON reports hold the mutants themselves.
const { execFileSync } = require('node:child_process');
const { readFileSync, writeFileSync } = require('node:fs');

const TABLE_DOC = 'docs/mutation-testing.md';
const START = '<!-- mutation-scores:start -->';
const END = '<!-- mutation-scores:end -->';
const HEADER = '| lib | mutation score | killed | survived | no coverage | measured |\n| --- | --- | --- | --- | --- | --- |';

/**
 * One row: the score rounded down to 0.1 (a near miss never shows as the target), detected mutants
 * (killed and timed out), the undetected ones, and when and on what the run was.
 *
 * @example
 * scoreRow('libs/storage/s3-keys', { mutationScore: 100, killed: 150, timeout: 4, survived: 0, noCoverage: 0 }, '2026-12-08, 135eb81');
 * // '| `libs/storage/s3-keys` | 100.0 % | 154 | 0 | 0 | 2026-12-08, 135eb81 |'
 * @param {string} root
 * @param {{ mutationScore: number, killed: number, timeout: number, survived: number, noCoverage: number }} metrics
 * @param {string} measured
 */
function scoreRow(root, metrics, measured) {
  const score = Number.isNaN(metrics.mutationScore) ? 'no mutants' : `${(Math.floor(metrics.mutationScore * 10) / 10).toFixed(1)} %`;
  return `| \`${root}\` | ${score} | ${metrics.killed + metrics.timeout} | ${metrics.survived} | ${metrics.noCoverage} | ${measured} |`;
}

/**
 * The document with the lib's row replaced, or added at the end of the table.
 *
 * @example
 * withRow(doc, 'libs/auth/jwt', row); // doc, its jwt row now `row`
 * @param {string} doc
 * @param {string} root
 * @param {string} row
 */
function withRow(doc, root, row) {
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${TABLE_DOC} has no ${START} … ${END} markers for the score table`);
  const rows = doc.slice(start + START.length, end).split('\n').filter((line) => line.startsWith('| `'));
  const at = rows.findIndex((line) => line.startsWith(`| \`${root}\` |`));
  if (at < 0) rows.push(row);
  else rows[at] = row;
  return `${doc.slice(0, start + START.length)}\n${HEADER}\n${rows.join('\n')}\n${doc.slice(end)}`;
}

/**
 * The day and commit of a run, `+dirty` when the lib's folder (its code or tests) had uncommitted changes.
 *
 * @param {string} root
 */
function measuredNow(root) {
  const day = new Date().toISOString().slice(0, 10);
  try {
    const git = (/** @type {string[]} */ ...args) => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return `${day}, ${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--', root) ? '+dirty' : ''}`;
  } catch {
    return `${day}, no git`;
  }
}

/** @param {{ scoreTable: { root: string } }} options */
function scoreTableReporter(options) {
  return {
    /** @param {unknown} _report @param {{ systemUnderTestMetrics: { metrics: Parameters<typeof scoreRow>[1] } }} metrics */
    onMutationTestReportReady(_report, metrics) {
      const { root } = options.scoreTable;
      const row = scoreRow(root, metrics.systemUnderTestMetrics.metrics, measuredNow(root));
      writeFileSync(TABLE_DOC, withRow(readFileSync(TABLE_DOC, 'utf8'), root, row));
    },
  };
}
scoreTableReporter.inject = /** @type {const} */ (['options']);

// Assigned one by one: Stryker imports this file as ESM, which sees only such named exports of CommonJS.
exports.strykerPlugins = [{ kind: 'Reporter', name: 'score-table', factory: scoreTableReporter }];
// Declares the preset's `scoreTable` option, so Stryker does not warn of an unknown option.
exports.strykerValidationSchema = {
  properties: { scoreTable: { type: 'object', properties: { root: { type: 'string' } }, required: ['root'] } },
};
exports.scoreRow = scoreRow;
exports.withRow = withRow;
