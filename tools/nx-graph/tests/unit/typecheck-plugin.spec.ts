import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CreateNodesContextV2, CreateNodesV2 } from '@nx/devkit';

type ConfigCheck = { config: string; project: string; expected: string[]; actual: string[]; missing: string[]; stale: string[]; options: string[] };
type FileData = { file: string; deps?: (string | string[])[] };
const plugin = require('../../src/typecheck-plugin.cjs') as {
  createNodesV2: CreateNodesV2<{ targetName?: string }>;
  checkReferences: (root: string, projects: { name: string; root: string }[], files: Record<string, FileData[]>) => ConfigCheck[];
  writeReferences: (root: string, checks: ConfigCheck[]) => string[];
  describeProblems: (checks: ConfigCheck[]) => string[];
  formatTsconfig: (value: unknown) => string;
};

function writeFiles(root: string, files: Record<string, string>) {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
}

describe('typecheck inference plugin (nx.json plugins)', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'typecheck-plugin-'));
    writeFiles(root, {
      'tsconfig.json': '{}',
      'libs/a/project.json': '{"name":"a"}',
      'libs/a/tsconfig.json': '{}',
      'apps/web/project.json': '{"name":"web"}',
      'apps/web/tsconfig.json': '{}',
      'apps/web/tsconfig.spec.json': '{}',
      'tools/loose/tsconfig.json': '{}',
    });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  async function infer(configFiles: string[], options?: { targetName?: string }) {
    const context = { workspaceRoot: root, nxJsonConfiguration: {} } as CreateNodesContextV2;
    const [pattern, create] = plugin.createNodesV2;
    expect(pattern).toBe('**/tsconfig.json');
    const results = await create(configFiles, options, context);
    return Object.fromEntries(results.map(([file, result]) => [file, result.projects ?? {}]));
  }

  it('gives each project root a cached `tsc -b` target, after its dependencies, that keeps its declarations', async () => {
    const projects = await infer(['libs/a/tsconfig.json']);
    expect(projects['libs/a/tsconfig.json']).toEqual({
      'libs/a': {
        targets: {
          typecheck: expect.objectContaining({
            command: 'tsc -b tsconfig.json',
            options: { cwd: 'libs/a' },
            cache: true,
            dependsOn: ['^typecheck'],
            inputs: ['default', '^production', { externalDependencies: ['typescript'] }],
            outputs: ['{workspaceRoot}/dist/out-tsc/{projectRoot}'],
          }),
        },
      },
    });
  });

  it("builds a project's tsconfig.spec.json too when it has one, in the same tsc -b", async () => {
    const projects = await infer(['apps/web/tsconfig.json'], { targetName: 'tsc' });
    const target = projects['apps/web/tsconfig.json']?.['apps/web']?.targets?.['tsc'];
    expect(target?.command).toBe('tsc -b tsconfig.json tsconfig.spec.json');
    expect(target?.dependsOn).toEqual(['^tsc']);
  });

  it('makes no project of the workspace root or of a folder without project.json', async () => {
    const projects = await infer(['tsconfig.json', 'tools/loose/tsconfig.json']);
    expect(projects).toEqual({ 'tsconfig.json': {}, 'tools/loose/tsconfig.json': {} });
  });
});

describe("checkReferences: each tsconfig's references are the projects its files import (Nx file map)", () => {
  let root: string;
  const composite = (outDir: string, extra: object = {}) => ({ composite: true, emitDeclarationOnly: true, outDir, ...extra });
  const projects = [
    { name: 'a', root: 'libs/a' },
    { name: 'b', root: 'libs/b' },
    { name: 'web', root: 'apps/web' },
  ];
  // web's page imports a; its tests import b; b imports a (a dynamic import) and an npm package
  const fileMap: Record<string, FileData[]> = {
    a: [{ file: 'libs/a/src/index.ts' }],
    b: [{ file: 'libs/b/src/index.ts', deps: [['a', 'dynamic'], 'npm:zod'] }],
    web: [
      { file: 'apps/web/src/main.ts', deps: ['a'] },
      { file: 'apps/web/tests/main.spec.ts', deps: [['apps/web/tests/main.spec.ts', 'b', 'static'], 'web'] },
    ],
  };

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'typecheck-references-'));
    writeFiles(root, {
      'tsconfig.base.json': '{"compilerOptions": {"strict": true}}',
      'libs/a/project.json': '{"name":"a"}',
      'libs/a/src/index.ts': 'export const a = 1;\n',
      'libs/a/tsconfig.json': JSON.stringify({ extends: '../../tsconfig.base.json', compilerOptions: composite('../../dist/out-tsc/libs/a'), include: ['src/**/*.ts'] }),
      'libs/b/project.json': '{"name":"b"}',
      'libs/b/src/index.ts': 'export const b = 2;\n',
      // no reference to a, and no outDir
      'libs/b/tsconfig.json': JSON.stringify({ extends: '../../tsconfig.base.json', compilerOptions: { composite: true, emitDeclarationOnly: true }, include: ['src/**/*.ts'] }),
      'apps/web/project.json': '{"name":"web"}',
      'apps/web/src/main.ts': 'export const main = 3;\n',
      'apps/web/tests/main.spec.ts': 'export const spec = 4;\n',
      // a stale reference to b in the page's config
      'apps/web/tsconfig.json': JSON.stringify({
        extends: '../../tsconfig.base.json',
        compilerOptions: composite('../../dist/out-tsc/apps/web'),
        include: ['src/**/*.ts'],
        references: [{ path: '../../libs/a' }, { path: '../../libs/b/tsconfig.json' }],
      }),
      'apps/web/tsconfig.spec.json': JSON.stringify({
        extends: '../../tsconfig.base.json',
        compilerOptions: composite('../../dist/out-tsc/apps/web'),
        include: ['tests/**/*.ts'],
        references: [{ path: './tsconfig.json' }, { path: '../../libs/b' }],
      }),
    });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const check = () => Object.fromEntries(plugin.checkReferences(root, projects, fileMap).map((c) => [c.config, c]));

  it('finds missing and stale references and missing composite options, config by config', () => {
    const checks = check();
    expect(checks['libs/a/tsconfig.json']).toMatchObject({ expected: [], actual: [], missing: [], stale: [], options: [] });
    expect(checks['libs/b/tsconfig.json']).toMatchObject({ expected: ['../a'], missing: ['../a'], options: ['outDir: ../../dist/out-tsc/libs/b'] });
    expect(checks['apps/web/tsconfig.json']).toMatchObject({ expected: ['../../libs/a'], missing: [], stale: ['../../libs/b'] });
    // the reference to its own tsconfig.json is not a dependency; its tests import b only
    expect(checks['apps/web/tsconfig.spec.json']).toMatchObject({ expected: ['../../libs/b'], actual: ['../../libs/b'], missing: [], stale: [] });
    expect(plugin.describeProblems(Object.values(checks))).toEqual([
      'libs/b/tsconfig.json: missing reference ../a, needs outDir: ../../dist/out-tsc/libs/b',
      'apps/web/tsconfig.json: stale reference ../../libs/b',
    ]);
  });

  it('rewrites only the configs whose references differ, keeping references inside the project', () => {
    expect(plugin.writeReferences(root, plugin.checkReferences(root, projects, fileMap))).toEqual(['libs/b/tsconfig.json', 'apps/web/tsconfig.json']);
    const web = JSON.parse(readFileSync(path.join(root, 'apps/web/tsconfig.json'), 'utf8'));
    expect(web.references).toEqual([{ path: '../../libs/a' }]);
    expect(readFileSync(path.join(root, 'libs/b/tsconfig.json'), 'utf8')).toContain('"references": [\n    { "path": "../a" }\n  ]');
    const after = check();
    expect(Object.values(after).flatMap((c) => [...c.missing, ...c.stale])).toEqual([]);
  });

  it('writes tsconfigs as the workspace does: short arrays on one line', () => {
    expect(plugin.formatTsconfig({ include: ['src/**/*.ts', 'tests/**/*.ts'], references: [{ path: '../a' }] })).toBe(
      '{\n  "include": ["src/**/*.ts", "tests/**/*.ts"],\n  "references": [\n    { "path": "../a" }\n  ]\n}\n',
    );
  });
});
