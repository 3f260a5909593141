// @ts-check
// Nx inference plugin (listed in nx.json): the heavier test tiers beside @nx/jest's `test`.
// `test` runs a project's in-process specs only (nx.json's targetDefaults ignore tests/integration and
// tests/e2e); this adds `integration` for a project with a tests/integration folder (PGlite, s3rver,
// JWKS servers, fault proxies, child processes) and `e2e` for one with tests/e2e (a whole local stack,
// Chromium, the built Lambdas under QEMU). Each runs the project's own jest config on that folder.
const { createNodesFromFiles } = require('@nx/devkit');
const { existsSync } = require('node:fs');
const path = require('node:path');

/** The tiers this plugin adds, by the folder their specs live in. */
const TIERS = Object.freeze({ integration: 'tests/integration', e2e: 'tests/e2e' });

/**
 * The inferred targets of one project root: a tier for each tier folder it has.
 *
 * @example
 * tierTargets('/repo', 'libs/profile/profiles'); // { integration: { command: 'jest', … } }
 * @param {string} workspaceRoot
 * @param {string} projectRoot
 */
function tierTargets(workspaceRoot, projectRoot) {
  /** @type {Record<string, import('@nx/devkit').TargetConfiguration>} */
  const targets = {};
  for (const [tier, folder] of Object.entries(TIERS)) {
    if (!existsSync(path.join(workspaceRoot, projectRoot, folder))) continue;
    targets[tier] = {
      executor: 'nx:run-commands',
      options: { cwd: projectRoot, command: 'jest', args: [`--testPathPatterns=/${folder}/`] },
      cache: true,
      inputs: ['default', '^production', 'jestConfig'],
      outputs: [`{workspaceRoot}/tmp/jest-results/{projectName}-${tier}.json`],
      metadata: { technologies: ['jest'], description: `Run the ${tier} tier: ${folder}/**/*.spec.ts` },
    };
  }
  return targets;
}

/** @type {import('@nx/devkit').CreateNodesV2} */
const createNodesV2 = [
  '**/jest.config.cjs',
  (configFiles, options, context) =>
    createNodesFromFiles(
      (configFile, _opts, ctx) => {
        const projectRoot = path.dirname(configFile);
        if (projectRoot === '.' || !existsSync(path.join(ctx.workspaceRoot, projectRoot, 'project.json'))) return {};
        const targets = tierTargets(ctx.workspaceRoot, projectRoot);
        return Object.keys(targets).length === 0 ? {} : { projects: { [projectRoot]: { targets } } };
      },
      configFiles,
      options,
      context,
    ),
];

module.exports = { createNodesV2, createNodes: createNodesV2, tierTargets, TIERS };
