// @ts-check
// StrykerJS options shared by the mutation-tested libs, as jest.preset.js is for their jest configs: each
// such lib has a stryker.config.mjs that calls strykerPreset with its folder and the files to mutate, which
// also gives it an Nx `mutation` target (tools/mutation/nx-plugin.cjs). Why and how: docs/mutation-testing.md.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The Stryker options of one lib: its own jest config (perTest coverage, so each mutant runs only the tests
 * that reach it), reports under reports/mutation/<project>/, a run under 95 % fails.
 *
 * @example
 * export default strykerPreset(import.meta.url, { mutate: ['src/**\/*.ts', '!src/index.ts'] });
 *
 * @param {string} configUrl the lib's stryker.config.mjs (its `import.meta.url`)
 * @param {{ mutate: string[], integration?: boolean }} lib `mutate`: globs relative to the lib; `integration`:
 *   also run its tests/integration (only for a lib whose score needs them)
 * @returns {import('@stryker-mutator/api/core').PartialStrykerOptions & { scoreTable: { root: string } }}
 */
export function strykerPreset(configUrl, { mutate, integration = false }) {
  const libDir = path.dirname(fileURLToPath(configUrl));
  // Stryker runs from the workspace root (the Nx target's cwd): its globs and paths are relative to it.
  const root = path.relative(process.cwd(), libDir);
  const { name } = JSON.parse(readFileSync(path.join(libDir, 'project.json'), 'utf8'));
  const reports = `reports/mutation/${name}`;
  return {
    testRunner: 'jest',
    jest: {
      projectType: 'custom',
      configFile: `${root}/jest.config.cjs`,
      enableFindRelatedTests: true,
      // Merged over the lib's jest config. The in-process tier, as `nx test` runs it (nx.json's
      // targetDefaults.test), plus tests/integration where asked. Integration specs start PGlite or a JWKS
      // server in beforeAll, slow with Stryker's runners sharing the cores: hence the long timeout (a
      // mutant that loops forever is still cut off by timeoutMS below).
      config: {
        testPathIgnorePatterns: ['/node_modules/', '/tests/e2e/', ...(integration ? [] : ['/tests/integration/'])],
        testTimeout: 120_000,
      },
    },
    coverageAnalysis: 'perTest',
    mutate: mutate.map((glob) => (glob.startsWith('!') ? `!${root}/${glob.slice(1)}` : `${root}/${glob}`)),
    // Code run at import (a handler a spec builds at its top) re-runs the lib's whole suite per mutant;
    // ignoring it would leave every module-level factory call unscored.
    ignoreStatic: false,
    // What the sandbox copies: the sources and the root files jest needs, not builds, caches or reports.
    ignorePatterns: ['/*', '!/apps', '!/libs', '!/infra', '!/tools', '!/jest.preset.js', '!/tsconfig.base.json', '!/package.json', 'dist', 'cdk.out', 'tmp'],
    tempDirName: `.stryker-tmp/${name}`,
    // A mutant whose tests outrun their dry-run time by this much is a timeout, which Stryker counts as
    // detected: 10 s let a machine busy with other work pass most of jwt's mutants that way (50 of its
    // first 62), so a score flattered by load. An endless loop still ends here.
    timeoutMS: 30_000,
    thresholds: { high: 100, low: 95, break: 95 },
    plugins: ['@stryker-mutator/jest-runner', fileURLToPath(new URL('tools/mutation/src/score-table.cjs', import.meta.url))],
    reporters: ['clear-text', 'progress', 'html', 'json', 'score-table'],
    clearTextReporter: { allowColor: false, reportTests: false },
    htmlReporter: { fileName: `${reports}/index.html` },
    jsonReporter: { fileName: `${reports}/mutation.json` },
    // Used by `--incremental` only.
    incrementalFile: `${reports}/stryker-incremental.json`,
    scoreTable: { root },
  };
}
