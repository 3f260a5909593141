// @ts-check
// Nx inference plugin (listed in nx.json): a `typecheck` target for every project with a tsconfig.json.
// Each project's tsconfig is a composite TypeScript project that emits declarations only, into
// dist/out-tsc/<project root>, and references the projects its files import. `tsc -b` checks the
// project's own files and reads its dependencies' .d.ts (built first by `^typecheck`), so each file is
// checked once. The libs still resolve through tsconfig.base.json `paths` (jest, esbuild and tsx use
// them); tsc swaps a referenced project's source for its declarations.
//
// `referenceProblems` compares every tsconfig's `references` with the files' dependencies in the Nx
// project graph (the spec fails on a difference); `node tools/nx-graph/src/typecheck-plugin.cjs --write`
// rewrites them.
const { createNodesFromFiles } = require('@nx/devkit');
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');

/** Extra configs checked beside tsconfig.json when a project has them (the web page's and the contract's tests). */
const EXTRA_CONFIGS = ['tsconfig.spec.json'];

/** Where a project's declarations and .tsbuildinfo go (git-ignored), relative to the workspace root. */
const OUT_DIR = 'dist/out-tsc';

/**
 * The configs a project's typecheck builds: tsconfig.json, then the extra ones it has.
 *
 * @param {string} workspaceRoot
 * @param {string} projectRoot
 */
function projectConfigs(workspaceRoot, projectRoot) {
  return ['tsconfig.json', ...EXTRA_CONFIGS.filter((f) => existsSync(path.join(workspaceRoot, projectRoot, f)))];
}

/**
 * The inferred target for one project root.
 *
 * @example
 * typecheckTarget('/repo', 'libs/auth/jwt').command; // 'tsc -b tsconfig.json'
 * @param {string} workspaceRoot
 * @param {string} projectRoot
 * @param {string} targetName
 */
function typecheckTarget(workspaceRoot, projectRoot, targetName) {
  const configs = projectConfigs(workspaceRoot, projectRoot);
  return {
    [targetName]: {
      command: `tsc -b ${configs.join(' ')}`,
      options: { cwd: projectRoot },
      cache: true,
      // The referenced projects' declarations are built (or restored from the cache) first.
      dependsOn: [`^${targetName}`],
      inputs: ['default', '^production', { externalDependencies: ['typescript'] }],
      outputs: [`{workspaceRoot}/${OUT_DIR}/{projectRoot}`],
      metadata: {
        technologies: ['typescript'],
        description: `Type-check ${configs.join(', ')} (tsc -b: declarations only, into ${OUT_DIR}/${projectRoot})`,
      },
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

/** A reference path as written in a tsconfig, without `./` and a trailing `/tsconfig.json`. */
function normalizeReference(/** @type {string} */ ref) {
  return path.posix.normalize(ref).replace(/\/tsconfig\.json$/, '').replace(/^\.\//, '');
}

/**
 * @typedef {{ name: string, root: string }} Project
 * @typedef {{ file: string, deps?: (string | string[])[] }} FileData
 * @typedef {{
 *   config: string,
 *   project: string,
 *   expected: string[],
 *   actual: string[],
 *   missing: string[],
 *   stale: string[],
 *   options: string[],
 * }} ConfigCheck
 */

/**
 * What each project's tsconfig(s) must say, from the files they include and those files' dependencies
 * in the Nx project graph: `references` to exactly the other projects those files import (a reference
 * inside the project, e.g. tsconfig.spec.json → ./tsconfig.json, is kept as written), `composite`,
 * `emitDeclarationOnly` and the outDir the typecheck target's outputs name.
 *
 * @param {string} workspaceRoot
 * @param {Project[]} projects
 * @param {Record<string, FileData[]>} projectFileMap files of each project with their dependencies
 * @returns {ConfigCheck[]}
 */
function checkReferences(workspaceRoot, projects, projectFileMap) {
  const ts = require('typescript');
  const byName = new Map(projects.map((p) => [p.name, p]));
  /** @type {Map<string, FileData>} */
  const files = new Map();
  for (const list of Object.values(projectFileMap)) for (const f of list) files.set(f.file, f);
  /** @type {ConfigCheck[]} */
  const checks = [];
  for (const project of projects) {
    if (project.root === '.' || !existsSync(path.join(workspaceRoot, project.root, 'tsconfig.json'))) continue;
    for (const configName of projectConfigs(workspaceRoot, project.root)) {
      const config = path.posix.join(project.root, configName);
      const parsed = ts.getParsedCommandLineOfConfigFile(path.join(workspaceRoot, config), {}, {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => {
          throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
        },
      });
      if (!parsed) throw new Error(`cannot read ${config}`);
      /** @type {Set<string>} */
      const deps = new Set();
      for (const fileName of parsed.fileNames) {
        const file = files.get(path.relative(workspaceRoot, fileName).split(path.sep).join('/'));
        for (const dep of file?.deps ?? []) {
          // a string is a static dependency; a tuple is [target, type] or [source, target, type]
          const target = typeof dep === 'string' ? dep : dep.length === 3 ? dep[1] : dep[0];
          if (target && target !== project.name && byName.has(target)) deps.add(target);
        }
      }
      const expected = [...deps].map((d) => path.posix.relative(project.root, /** @type {Project} */ (byName.get(d)).root)).sort();
      const raw = JSON.parse(readFileSync(path.join(workspaceRoot, config), 'utf8'));
      const written = /** @type {{ path: string }[]} */ (raw.references ?? []).map((r) => normalizeReference(r.path));
      // references to configs inside the project (tsconfig.spec.json → ./tsconfig.json) are not dependencies
      const actual = written.filter((r) => r.startsWith('..')).sort();
      const outDir = path.posix.relative(
        project.root,
        path.posix.join(OUT_DIR, project.root),
      );
      const options = [];
      if (parsed.options.composite !== true) options.push('composite: true');
      if (parsed.options.emitDeclarationOnly !== true) options.push('emitDeclarationOnly: true');
      if (path.resolve(parsed.options.outDir ?? '') !== path.resolve(workspaceRoot, OUT_DIR, project.root)) options.push(`outDir: ${outDir}`);
      checks.push({
        config,
        project: project.name,
        expected,
        actual,
        missing: expected.filter((r) => !actual.includes(r)),
        stale: actual.filter((r) => !expected.includes(r)),
        options,
      });
    }
  }
  return checks;
}

/**
 * The workspace's projects and files from the Nx project graph (computed without the daemon).
 *
 * @param {string} workspaceRoot
 */
async function readWorkspaceGraph(workspaceRoot) {
  process.env.NX_DAEMON = 'false';
  const devkit = require('@nx/devkit');
  const graph = await devkit.createProjectGraphAsync({ exitOnError: false });
  // Per-file dependencies live in the file map Nx wrote beside the graph.
  const { readFileMapCache } = require('nx/src/devkit-internals');
  const cache = readFileMapCache();
  if (!cache) throw new Error('Nx wrote no file map');
  const projects = Object.values(graph.nodes).map((n) => ({ name: n.name, root: n.data.root }));
  return { workspaceRoot, projects, projectFileMap: /** @type {Record<string, FileData[]>} */ (cache.fileMap.projectFileMap) };
}

/**
 * A tsconfig as the workspace writes it: two-space JSON, short arrays and `{ "path": … }` on one line.
 *
 * @param {unknown} value
 */
function formatTsconfig(value) {
  return `${JSON.stringify(value, null, 2)
    .replace(/\[\n\s+([^[\]{}]*?)\n\s*\]/g, (_, items) => `[${items.split(/,\n\s+/).join(', ')}]`)
    .replace(/\{\n\s+("path": "[^"]*")\n\s*\}/g, '{ $1 }')}\n`;
}

/**
 * Rewrites the `references` of every config whose dependencies differ (keeping references inside the project).
 *
 * @param {string} workspaceRoot
 * @param {ConfigCheck[]} checks
 */
function writeReferences(workspaceRoot, checks) {
  const changed = [];
  for (const check of checks) {
    if (!check.missing.length && !check.stale.length) continue;
    const file = path.join(workspaceRoot, check.config);
    const raw = JSON.parse(readFileSync(file, 'utf8'));
    const inside = /** @type {{ path: string }[]} */ (raw.references ?? []).filter((r) => !normalizeReference(r.path).startsWith('..'));
    raw.references = [...inside, ...check.expected.map((r) => ({ path: r }))];
    writeFileSync(file, formatTsconfig(raw));
    changed.push(check.config);
  }
  return changed;
}

/** One line per config that differs from what its files need; empty when every tsconfig is right. */
function describeProblems(/** @type {ConfigCheck[]} */ checks) {
  return checks
    .filter((c) => c.missing.length || c.stale.length || c.options.length)
    .map((c) => `${c.config}: ${[...c.missing.map((m) => `missing reference ${m}`), ...c.stale.map((s) => `stale reference ${s}`), ...c.options.map((o) => `needs ${o}`)].join(', ')}`);
}

// `node tools/nx-graph/src/typecheck-plugin.cjs [--write | --json]`: list (exit 1), rewrite, or print as JSON
// the tsconfigs whose references differ from the project graph.
if (require.main === module) {
  const workspaceRoot = path.resolve(__dirname, '../../..');
  const args = process.argv.slice(2);
  readWorkspaceGraph(workspaceRoot).then(({ projects, projectFileMap }) => {
    let checks = checkReferences(workspaceRoot, projects, projectFileMap);
    if (args.includes('--write')) {
      for (const config of writeReferences(workspaceRoot, checks)) console.log(`wrote ${config}`);
      checks = checkReferences(workspaceRoot, projects, projectFileMap);
    }
    if (args.includes('--json')) {
      process.stdout.write(JSON.stringify(checks));
      return;
    }
    const problems = describeProblems(checks);
    for (const line of problems) console.log(line);
    if (problems.length) process.exitCode = 1;
  });
}

module.exports = { createNodesV2, createNodes: createNodesV2, typecheckTarget, checkReferences, readWorkspaceGraph, writeReferences, describeProblems, formatTsconfig, OUT_DIR };
