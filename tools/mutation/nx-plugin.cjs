// @ts-check
// Nx inference plugin (listed in nx.json): a `mutation` target on every project with a stryker.config.mjs
// (the mutation-tested libs), so CI can run `nx affected -t mutation`.
const { createNodesFromFiles } = require('@nx/devkit');
const { existsSync } = require('node:fs');
const path = require('node:path');

/** @type {import('@nx/devkit').CreateNodesV2<{ targetName?: string }>} */
const createNodesV2 = [
  '**/stryker.config.mjs',
  (configFiles, options, context) =>
    createNodesFromFiles(
      (configFile, opts, ctx) => {
        const root = path.dirname(configFile);
        if (!existsSync(path.join(ctx.workspaceRoot, root, 'project.json'))) return {};
        const target = {
          command: `stryker run ${configFile}`,
          options: { cwd: '{workspaceRoot}' },
          // The lib, what it imports, its jest config and the shared preset: a preset change re-runs every lib.
          inputs: ['default', '^production', 'jestConfig', '{workspaceRoot}/stryker.preset.mjs'],
          // A run rewrites the lib's row of docs/mutation-testing.md; replaying a cached pass would not.
          cache: false,
          // Each run starts a jest process per core: one lib at a time.
          parallelism: false,
          metadata: { technologies: ['stryker'], description: `Mutation-test the lib with StrykerJS (${configFile}); fails under 95 %` },
        };
        return { projects: { [root]: { targets: { [opts?.targetName ?? 'mutation']: target } } } };
      },
      configFiles,
      options,
      context,
    ),
];

module.exports = { createNodesV2, createNodes: createNodesV2 };
