// @ts-check
// Nx inference plugin (listed in nx.json): a `typecheck` target for every project with a tsconfig.json.
// @nx/js/typescript would run `tsc --build`, which needs composite project references; this repo
// resolves libs through tsconfig.base.json paths, so each project is checked with `tsc --noEmit`.
const { createNodesFromFiles } = require('@nx/devkit');
const { existsSync } = require('node:fs');
const path = require('node:path');

/** Extra configs checked beside tsconfig.json when a project has them (the web page's tests). */
const EXTRA_CONFIGS = ['tsconfig.spec.json'];

/**
 * The inferred target for one project root.
 *
 * @example
 * typecheckTarget('/repo', 'libs/auth/jwt').command; // 'tsc -p tsconfig.json --noEmit'
 * @param {string} workspaceRoot
 * @param {string} projectRoot
 * @param {string} targetName
 */
function typecheckTarget(workspaceRoot, projectRoot, targetName) {
  const configs = ['tsconfig.json', ...EXTRA_CONFIGS.filter((f) => existsSync(path.join(workspaceRoot, projectRoot, f)))];
  return {
    [targetName]: {
      command: configs.map((config) => `tsc -p ${config} --noEmit`).join(' && '),
      options: { cwd: projectRoot },
      cache: true,
      inputs: ['default', '^production', { externalDependencies: ['typescript'] }],
      outputs: [],
      metadata: { technologies: ['typescript'], description: `Type-check ${configs.join(', ')} (no emit)` },
    },
  };
}

/** @type {import('@nx/devkit').CreateNodesV2<{ targetName?: string }>} */
const createNodesV2 = [
  '**/tsconfig.json',
  (configFiles, options, context) =>
    createNodesFromFiles(
      (configFile, opts, ctx) => {
        const projectRoot = path.dirname(configFile);
        // Only project roots: the workspace's own tsconfig.json and folders without project.json are not projects.
        if (projectRoot === '.' || !existsSync(path.join(ctx.workspaceRoot, projectRoot, 'project.json'))) return {};
        const targets = typecheckTarget(ctx.workspaceRoot, projectRoot, opts?.targetName ?? 'typecheck');
        return { projects: { [projectRoot]: { targets } } };
      },
      configFiles,
      options,
      context,
    ),
];

module.exports = { createNodesV2, createNodes: createNodesV2, typecheckTarget };
