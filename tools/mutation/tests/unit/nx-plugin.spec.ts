import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const REPO = path.resolve(__dirname, '../../../..');
const { createNodesV2 } = require('../../nx-plugin.cjs');

function projectFiles(dir: string): string[] {
  return readdirSync(path.join(REPO, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : projectFiles(relative);
    return entry.name === 'project.json' ? [relative] : [];
  });
}

it('gives a mutation target to exactly the projects the config lists, uncached and one at a time', async () => {
  const files = ['apps', 'libs', 'tools', 'infra'].flatMap(projectFiles);
  const [, create] = createNodesV2;
  const results: [string, { projects?: Record<string, { targets: Record<string, { command: string; cache: boolean; parallelism: boolean }> }> }][] =
    await create(files, { targetName: 'mutation' }, { workspaceRoot: REPO, nxJsonConfiguration: {} });
  const targets = results.flatMap(([, result]) => Object.values(result.projects ?? {}).map((project) => project.targets['mutation']));
  const listed = Object.keys(JSON.parse(readFileSync(path.join(REPO, 'tools/mutation/mutation.config.json'), 'utf8')).projects);
  expect(targets.map((target) => target?.command).sort()).toEqual(listed.map((name) => `tsx tools/mutation/src/main.ts ${name}`).sort());
  for (const target of targets) expect(target).toMatchObject({ cache: false, parallelism: false });
});
