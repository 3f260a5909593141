// @ts-check
// Nx inference plugin (listed in nx.json): a `mutation` target on every project that
// tools/mutation/mutation.config.json lists, so CI can run `nx affected -t mutation`.
const { createNodesFromFiles } = require('@nx/devkit');
const { readFileSync } = require('node:fs');
const path = require('node:path');

/** @param {string} workspaceRoot */
function listedProjects(workspaceRoot) {
  const config = JSON.parse(readFileSync(path.join(workspaceRoot, 'tools/mutation/mutation.config.json'), 'utf8'));
  return new Set(Object.keys(config.projects));
}

/** @type {import('@nx/devkit').CreateNodesV2<{ targetName?: string }>} */
const createNodesV2 = [
  '**/project.json',
  (configFiles, options, context) => {
    const listed = listedProjects(context.workspaceRoot);
    return createNodesFromFiles(
      (configFile, opts, ctx) => {
        const { name } = JSON.parse(readFileSync(path.join(ctx.workspaceRoot, configFile), 'utf8'));
        if (!listed.has(name)) return {};
        const targetName = opts?.targetName ?? 'mutation';
        return {
          projects: {
            [path.dirname(configFile)]: {
              targets: {
                [targetName]: {
                  command: `tsx tools/mutation/src/main.ts ${name}`,
                  options: { cwd: '{workspaceRoot}' },
                  // The score is recorded in tools/mutation/scores.json by the run itself; replaying a cached pass would hide a drop.
                  cache: false,
                  // Each run starts cores - 1 jest processes of its own: one project at a time.
                  parallelism: false,
                  metadata: { technologies: ['stryker'], description: `Mutation-test ${name} with StrykerJS (target in tools/mutation/mutation.config.json)` },
                },
              },
            },
          },
        };
      },
      configFiles,
      options,
      context,
    );
  },
];

module.exports = { createNodesV2, createNodes: createNodesV2 };
