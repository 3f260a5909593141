import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CreateNodesContextV2, CreateNodesV2 } from '@nx/devkit';

const { createNodesV2 } = require('../../src/typecheck-plugin.cjs') as { createNodesV2: CreateNodesV2<{ targetName?: string }> };

describe('typecheck inference plugin (nx.json plugins)', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'typecheck-plugin-'));
    const files: Record<string, string> = {
      'tsconfig.json': '{}',
      'libs/a/project.json': '{"name":"a"}',
      'libs/a/tsconfig.json': '{}',
      'apps/web/project.json': '{"name":"web"}',
      'apps/web/tsconfig.json': '{}',
      'apps/web/tsconfig.spec.json': '{}',
      'tools/loose/tsconfig.json': '{}',
    };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    }
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  async function infer(configFiles: string[], options?: { targetName?: string }) {
    const context = { workspaceRoot: root, nxJsonConfiguration: {} } as CreateNodesContextV2;
    const [pattern, create] = createNodesV2;
    expect(pattern).toBe('**/tsconfig.json');
    const results = await create(configFiles, options, context);
    return Object.fromEntries(results.map(([file, result]) => [file, result.projects ?? {}]));
  }

  it('gives each project root a cached `tsc --noEmit` target run from the project folder', async () => {
    const projects = await infer(['libs/a/tsconfig.json']);
    expect(projects['libs/a/tsconfig.json']).toEqual({
      'libs/a': {
        targets: {
          typecheck: expect.objectContaining({
            command: 'tsc -p tsconfig.json --noEmit',
            options: { cwd: 'libs/a' },
            cache: true,
            inputs: ['default', '^production', { externalDependencies: ['typescript'] }],
          }),
        },
      },
    });
  });

  it("checks a project's tsconfig.spec.json too when it has one", async () => {
    const projects = await infer(['apps/web/tsconfig.json'], { targetName: 'tsc' });
    expect(projects['apps/web/tsconfig.json']?.['apps/web']?.targets?.['tsc']?.command).toBe(
      'tsc -p tsconfig.json --noEmit && tsc -p tsconfig.spec.json --noEmit',
    );
  });

  it('makes no project of the workspace root or of a folder without project.json', async () => {
    const projects = await infer(['tsconfig.json', 'tools/loose/tsconfig.json']);
    expect(projects).toEqual({ 'tsconfig.json': {}, 'tools/loose/tsconfig.json': {} });
  });
});
