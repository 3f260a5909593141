import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const REPO = path.resolve(__dirname, '../../../..');
const { createNodesV2 } = require('../../nx-plugin.cjs');

/** Every stryker.config.mjs under apps, libs, tools and infra, relative to the workspace. */
function strykerConfigs(dir: string): string[] {
  return readdirSync(path.join(REPO, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : strykerConfigs(relative);
    return entry.name === 'stryker.config.mjs' ? [relative] : [];
  });
}

type Target = { command: string; options: { cwd: string }; cache: boolean; parallelism: boolean };
type Results = [string, { projects?: Record<string, { targets: Record<string, Target> }> }][];

const infer = (files: string[]): Promise<Results> => {
  const [, create] = createNodesV2;
  return create(files, { targetName: 'mutation' }, { workspaceRoot: REPO, nxJsonConfiguration: {} });
};

it('gives each lib with a stryker.config.mjs a mutation target running Stryker on it from the workspace root, uncached and one at a time', async () => {
  const files = ['apps', 'libs', 'tools', 'infra'].flatMap(strykerConfigs);
  const projects = Object.assign({}, ...(await infer(files)).map(([, result]) => result.projects ?? {}));
  expect(Object.keys(projects).sort()).toEqual(
    ['libs/auth/jwt', 'libs/avatars/upload', 'libs/http/middleware', 'libs/profile/profiles', 'libs/shared/contract', 'libs/storage/s3-keys'],
  );
  for (const [root, project] of Object.entries(projects) as [string, { targets: Record<string, Target> }][]) {
    expect(project.targets['mutation']).toMatchObject({
      command: `stryker run ${root}/stryker.config.mjs`,
      options: { cwd: '{workspaceRoot}' },
      cache: false,
      parallelism: false,
    });
  }
});

it('gives no target for a stryker.config.mjs outside a project', async () => {
  expect(existsSync(path.join(REPO, 'stryker.config.mjs'))).toBe(false);
  const results = await infer(['stryker.config.mjs', 'libs/no-such-lib/stryker.config.mjs']);
  expect(results.flatMap(([, result]) => Object.keys(result.projects ?? {}))).toEqual([]);
});
