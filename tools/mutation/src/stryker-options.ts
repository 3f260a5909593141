import type { PartialStrykerOptions } from '@stryker-mutator/api/core';
import { type MutationProject, reportDir } from './config';

/**
 * What Stryker copies into its sandbox: the sources and the root configs jest needs, not the build
 * output, caches or reports (gitignore syntax; Stryker itself always leaves out node_modules and .git).
 */
export const SANDBOX_IGNORE = ['/*', '!/apps', '!/libs', '!/infra', '!/tools', '!/jest.preset.js', '!/tsconfig.base.json', '!/package.json', 'dist', 'cdk.out', 'tmp'];

/** jest's per-test (and per-hook) timeout in mutation runs: long enough for a database start under load. */
export const MUTATION_TEST_TIMEOUT_MS = 120_000;

/** Options of one run beyond the project itself. */
export interface RunOptions {
  /** Test runner processes Stryker starts at once. */
  readonly concurrency: number;
  /** Reuse the last incremental run's results for mutants whose code and covering tests are unchanged. */
  readonly incremental?: boolean;
}

/**
 * The Stryker options for one project: its files mutated, its own jest config run (perTest coverage,
 * so each mutant runs only the tests that reach it), reports under reports/mutation/<project>/.
 *
 * @example
 * strykerOptions({ name: 'jwt', root: 'libs/auth/jwt', mutate: ['src/**\/*.ts'] }, { concurrency: 1 }).mutate;
 * // ['libs/auth/jwt/src/**\/*.ts']
 */
export function strykerOptions(project: MutationProject, run: RunOptions): PartialStrykerOptions {
  const dir = reportDir(project.name);
  return {
    testRunner: 'jest',
    jest: {
      projectType: 'custom',
      configFile: `${project.root}/jest.config.cjs`,
      enableFindRelatedTests: true,
      // Merged over the project's config. Integration specs start PGlite or s3rver in beforeAll: with
      // Stryker's runners sharing two cores with each other, the 30 s of npm test failed the initial
      // run (profiles). A mutant that loops forever is still cut off by Stryker's own timeoutMS.
      config: { testTimeout: MUTATION_TEST_TIMEOUT_MS },
    },
    coverageAnalysis: 'perTest',
    mutate: project.mutate.map((glob) => (glob.startsWith('!') ? `!${project.root}/${glob.slice(1)}` : `${project.root}/${glob}`)),
    // Static mutants (code run at import, e.g. a handler a spec builds at its top) re-run the project's
    // whole suite each; ignoring them would leave every module-level factory call unscored.
    ignoreStatic: false,
    ignorePatterns: SANDBOX_IGNORE,
    tempDirName: `.stryker-tmp/${project.name}`,
    concurrency: run.concurrency,
    timeoutMS: 10_000,
    reporters: ['html', 'json', 'clear-text', 'progress'],
    htmlReporter: { fileName: `${dir}/index.html` },
    jsonReporter: { fileName: `${dir}/mutation.json` },
    clearTextReporter: { allowColor: false, reportTests: false, reportMutants: false, reportScoreTable: true },
    cleanTempDir: true,
    ...(run.incremental ? { incremental: true, incrementalFile: `${dir}/stryker-incremental.json` } : {}),
  };
}
