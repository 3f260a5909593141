import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MutationConfigError } from './errors';

/** One mutation-tested project as the config lists it. */
export interface MutationProjectConfig {
  /** Globs of the files to mutate, relative to the project root (`!` excludes). */
  readonly mutate: readonly string[];
}

/** tools/mutation/mutation.config.json: the score every listed project must reach, and the projects. */
export interface MutationConfig {
  readonly target: number;
  readonly projects: Readonly<Record<string, MutationProjectConfig>>;
}

/** A listed project resolved to its folder in the workspace. */
export interface MutationProject extends MutationProjectConfig {
  readonly name: string;
  /** Project root relative to the workspace, e.g. `libs/auth/jwt`. */
  readonly root: string;
}

/** Where the config lives, relative to the workspace root. */
export const CONFIG_PATH = 'tools/mutation/mutation.config.json';

/** Folders that hold Nx projects (each with a project.json). */
const PROJECT_FOLDERS = ['apps', 'libs', 'tools', 'infra'];

/**
 * Reads and checks the mutation config.
 *
 * @example
 * loadConfig('/repo').target; // 95
 */
export function loadConfig(workspaceRoot: string): MutationConfig {
  const file = path.join(workspaceRoot, CONFIG_PATH);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new MutationConfigError(`${CONFIG_PATH}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const config = raw as Partial<MutationConfig>;
  if (typeof config.target !== 'number' || !(config.target > 0 && config.target <= 100)) {
    throw new MutationConfigError(`${CONFIG_PATH}: "target" must be a percentage in (0, 100]`);
  }
  if (typeof config.projects !== 'object' || config.projects === null || Object.keys(config.projects).length === 0) {
    throw new MutationConfigError(`${CONFIG_PATH}: "projects" must name at least one project`);
  }
  for (const [name, project] of Object.entries(config.projects)) {
    const globs = (project as Partial<MutationProjectConfig>).mutate;
    if (!Array.isArray(globs) || globs.length === 0 || !globs.every((glob) => typeof glob === 'string' && glob.length > 0)) {
      throw new MutationConfigError(`${CONFIG_PATH}: project "${name}" needs a non-empty "mutate" list of globs`);
    }
  }
  return { target: config.target, projects: config.projects as Record<string, MutationProjectConfig> };
}

/**
 * Every Nx project's name and root, read from the project.json files under apps, libs, tools and infra.
 *
 * @example
 * projectRoots('/repo').get('jwt'); // 'libs/auth/jwt'
 */
export function projectRoots(workspaceRoot: string): Map<string, string> {
  const roots = new Map<string, string>();
  const visit = (relative: string): void => {
    const absolute = path.join(workspaceRoot, relative);
    const manifest = path.join(absolute, 'project.json');
    if (existsSync(manifest)) {
      const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string };
      if (name) roots.set(name, relative.split(path.sep).join('/'));
    }
    for (const entry of readdirSync(absolute, { withFileTypes: true })) {
      if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.')) visit(path.join(relative, entry.name));
    }
  };
  for (const folder of PROJECT_FOLDERS) if (existsSync(path.join(workspaceRoot, folder))) visit(folder);
  return roots;
}

/**
 * The listed projects resolved to their roots; a listed name with no project is a config error.
 *
 * @example
 * resolveProjects('/repo', loadConfig('/repo')).map((p) => p.name); // ['jwt', 's3-keys', ...]
 */
export function resolveProjects(workspaceRoot: string, config: MutationConfig): MutationProject[] {
  const roots = projectRoots(workspaceRoot);
  return Object.entries(config.projects).map(([name, project]) => {
    const root = roots.get(name);
    if (!root) throw new MutationConfigError(`${CONFIG_PATH}: no Nx project is named "${name}"`);
    if (!existsSync(path.join(workspaceRoot, root, 'jest.config.cjs'))) {
      throw new MutationConfigError(`${CONFIG_PATH}: project "${name}" (${root}) has no jest.config.cjs to run its tests with`);
    }
    return { name, root, mutate: project.mutate };
  });
}

/** Where a project's reports go, relative to the workspace root. */
export function reportDir(project: string): string {
  return `reports/mutation/${project}`;
}
