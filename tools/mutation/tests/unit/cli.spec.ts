import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli, USAGE, type CliDeps } from '../../src/cli';
import { CONFIG_PATH, loadConfig, resolveProjects } from '../../src/config';
import { MutationConfigError } from '../../src/errors';
import { TABLE_DOC, TABLE_END, TABLE_START } from '../../src/scores';
import { MUTATION_TEST_TIMEOUT_MS, strykerOptions } from '../../src/stryker-options';

const REPO = path.resolve(__dirname, '../../../..');

function workspace(config: unknown, doc = `# x\n\n${TABLE_START}\nold\n${TABLE_END}\n`): string {
  const root = mkdtempSync(path.join(tmpdir(), 'mutation-cli-'));
  mkdirSync(path.join(root, 'tools/mutation'), { recursive: true });
  writeFileSync(path.join(root, CONFIG_PATH), JSON.stringify(config));
  mkdirSync(path.join(root, 'libs/tiny'), { recursive: true });
  writeFileSync(path.join(root, 'libs/tiny/project.json'), JSON.stringify({ name: 'tiny' }));
  writeFileSync(path.join(root, 'libs/tiny/jest.config.cjs'), 'module.exports = {};');
  mkdirSync(path.join(root, 'docs'), { recursive: true });
  writeFileSync(path.join(root, TABLE_DOC), doc);
  writeFileSync(path.join(root, 'README.md'), '# x\n');
  return root;
}

function deps(root: string, runStryker: CliDeps['runStryker'] = async () => undefined) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliDeps = {
    workspaceRoot: root,
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
    runStryker,
    commit: () => 'abc1234',
    today: () => '2026-12-01',
    cores: 2,
  };
  return { value, out: () => out.join(''), err: () => err.join('') };
}

/** A runStryker that writes the report Stryker would, with these statuses for the tiny lib. */
function writesReport(root: string, statuses: string[]): CliDeps['runStryker'] {
  return async (options) => {
    const file = path.join(root, (options.jsonReporter as { fileName: string }).fileName);
    mkdirSync(path.dirname(file), { recursive: true });
    const mutants = statuses.map((status, i) => ({ status, mutatorName: 'StringLiteral', replacement: '""', location: { start: { line: i + 1, column: 3 } } }));
    writeFileSync(file, JSON.stringify({ files: { [path.join(root, 'libs/tiny/src/a.ts')]: { mutants } } }));
  };
}

const CONFIG = { target: 95, projects: { tiny: { mutate: ['src/**/*.ts', '!src/index.ts'] } } };
const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const ws = (config: unknown = CONFIG, doc?: string) => {
  const root = workspace(config, doc);
  made.push(root);
  return root;
};

describe('runCli', () => {
  it('prints the usage for --help, and a usage error with exit 2', async () => {
    const root = ws();
    const help = deps(root);
    await expect(runCli(['--help'], help.value)).resolves.toBe(0);
    expect(help.out()).toBe(USAGE);
    const bad = deps(root);
    await expect(runCli(['tiny', '--nope'], bad.value)).resolves.toBe(2);
    expect(bad.err()).toBe('mutation: unknown option --nope; --help lists the options\n');
  });

  it('refuses a project the config does not list, naming the listed ones', async () => {
    const d = deps(ws());
    await expect(runCli(['infra'], d.value)).resolves.toBe(2);
    expect(d.err()).toBe('mutation: not a mutation-tested project: infra (listed: tiny)\n');
  });

  it('runs a project, prints its survivors, records the score and passes at the target', async () => {
    const root = ws();
    const statuses = [...Array.from({ length: 19 }, () => 'Killed'), 'Survived'];
    const d = deps(root, writesReport(root, statuses));
    await expect(runCli(['tiny', '--concurrency', '1'], d.value)).resolves.toBe(0);
    expect(d.out()).toContain('mutation: tiny 95.0 % (target 95 %): 19 killed, 1 survived, 0 no coverage\n');
    expect(d.out()).toContain('  survived  libs/tiny/src/a.ts:20:3  StringLiteral → ""\n');
    const scores = JSON.parse(readFileSync(path.join(root, 'tools/mutation/scores.json'), 'utf8'));
    expect(scores.tiny).toEqual({ killed: 19, timeout: 0, survived: 1, noCoverage: 0, invalid: 0, ignored: 0, score: 95, root: 'libs/tiny', commit: 'abc1234', date: '2026-12-01' });
  });

  it('passes --incremental on as Stryker incremental mode with its file beside the project report, and only then', async () => {
    const root = ws();
    const seen: Array<Record<string, unknown>> = [];
    const record = writesReport(root, ['Killed']);
    const d = deps(root, async (options) => {
      seen.push(options as Record<string, unknown>);
      await record(options);
    });
    await expect(runCli(['tiny', '--incremental'], d.value)).resolves.toBe(0);
    await expect(runCli(['tiny'], d.value)).resolves.toBe(0);
    expect(seen[0]).toMatchObject({ incremental: true, incrementalFile: 'reports/mutation/tiny/stryker-incremental.json' });
    expect(seen[1]).not.toHaveProperty('incremental');
    expect(d.out()).toContain('mutation: tiny (libs/tiny), concurrency 1, incremental\n');
  });

  it('fails (exit 1) under the target, and still records the score', async () => {
    const root = ws();
    const d = deps(root, writesReport(root, ['Killed', 'Killed', 'NoCoverage']));
    await expect(runCli(['tiny'], d.value)).resolves.toBe(1);
    expect(JSON.parse(readFileSync(path.join(root, 'tools/mutation/scores.json'), 'utf8')).tiny.score).toBe(66.6);
  });

  it('fails when Stryker throws or writes no report', async () => {
    const root = ws();
    const threw = deps(root, async () => {
      throw new Error('initial test run failed');
    });
    await expect(runCli(['tiny'], threw.value)).resolves.toBe(1);
    expect(threw.err()).toBe('mutation: tiny: initial test run failed\n');
    const silent = deps(root);
    await expect(runCli(['tiny'], silent.value)).resolves.toBe(1);
    expect(silent.err()).toBe('mutation: tiny: Stryker wrote no report at reports/mutation/tiny/mutation.json\n');
  });

  it('writes the table into docs/mutation-testing.md from the scores and checks it is current', async () => {
    const root = ws();
    await runCli(['tiny'], deps(root, writesReport(root, ['Killed', 'Survived'])).value);
    const stale = deps(root);
    await expect(runCli(['table', '--check'], stale.value)).resolves.toBe(1);
    expect(stale.err()).toContain('not current');
    await expect(runCli(['table', '--write'], deps(root).value)).resolves.toBe(0);
    const doc = readFileSync(path.join(root, 'docs/mutation-testing.md'), 'utf8');
    expect(doc).toContain('| `libs/tiny` | 50.0 % (MISS) | 95 % | 1 | 1 | 0 | 2026-12-01, abc1234 |');
    expect(doc).not.toContain('old');
    expect(readFileSync(path.join(root, 'README.md'), 'utf8')).toBe('# x\n');
    await expect(runCli(['table', '--check'], deps(root).value)).resolves.toBe(0);
  });

  it('says so when docs/mutation-testing.md has no markers, or is missing', async () => {
    const d = deps(ws(CONFIG, '# no table here\n'));
    await expect(runCli(['table', '--write'], d.value)).resolves.toBe(1);
    expect(d.err()).toBe('mutation: docs/mutation-testing.md has no mutation-scores markers to put the table between\n');
    const root = ws();
    rmSync(path.join(root, TABLE_DOC));
    const missing = deps(root);
    await expect(runCli(['table', '--check'], missing.value)).resolves.toBe(1);
    expect(missing.err()).toBe('mutation: docs/mutation-testing.md has no mutation-scores markers to put the table between\n');
  });
});

describe('loadConfig and resolveProjects', () => {
  it.each([
    [{ projects: { tiny: { mutate: ['src/a.ts'] } } }, '"target" must be a percentage in (0, 100]'],
    [{ target: 101, projects: { tiny: { mutate: ['src/a.ts'] } } }, '"target" must be a percentage in (0, 100]'],
    [{ target: 95, projects: {} }, '"projects" must name at least one project'],
    [{ target: 95, projects: { tiny: { mutate: [] } } }, 'project "tiny" needs a non-empty "mutate" list of globs'],
    [{ target: 95, projects: { tiny: { mutate: [''] } } }, 'project "tiny" needs a non-empty "mutate" list of globs'],
  ])('refuses %j', (config, message) => {
    expect(() => loadConfig(ws(config))).toThrow(new MutationConfigError(`${CONFIG_PATH}: ${message}`));
  });

  it('refuses a listed name that is no project', () => {
    const root = ws({ target: 95, projects: { ghost: { mutate: ['src/a.ts'] } } });
    expect(() => resolveProjects(root, loadConfig(root))).toThrow(new MutationConfigError(`${CONFIG_PATH}: no Nx project is named "ghost"`));
  });
});

describe('this repository', () => {
  const config = loadConfig(REPO);
  const projects = resolveProjects(REPO, config);

  it('tests the security libs at 95 %', () => {
    expect(config.target).toBe(95);
    expect(projects.map((p) => p.root)).toEqual(
      expect.arrayContaining(['libs/auth/jwt', 'libs/storage/s3-keys', 'libs/avatars/upload', 'libs/http/middleware']),
    );
  });

  it('mutates files that exist, relative to each project, and never its tests', () => {
    for (const project of projects) {
      const { mutate } = strykerOptions(project, { concurrency: 1 });
      for (const glob of (mutate ?? []) as string[]) {
        expect(glob.replace(/^!/, '')).toMatch(new RegExp(`^${project.root}/src/`));
        if (!glob.includes('*') && !glob.startsWith('!')) expect(() => readFileSync(path.join(REPO, glob))).not.toThrow();
      }
    }
  });

  it("runs each project's own jest config, with a timeout a database start under load fits in", () => {
    for (const project of projects) {
      expect(strykerOptions(project, { concurrency: 2 }).jest).toMatchObject({
        projectType: 'custom',
        configFile: `${project.root}/jest.config.cjs`,
        config: { testTimeout: MUTATION_TEST_TIMEOUT_MS },
      });
    }
    // Longer than npm test's 30 s (jest.preset.js), which the profiles lib's initial run overran.
    const presetTimeout = Number(/testTimeout: (\d+)/.exec(readFileSync(path.join(REPO, 'jest.preset.js'), 'utf8'))?.[1]);
    expect(presetTimeout).toBeGreaterThan(0);
    expect(MUTATION_TEST_TIMEOUT_MS).toBeGreaterThan(presetTimeout);
  });

  it("has docs/mutation-testing.md's score table current with tools/mutation/scores.json", async () => {
    const d = deps(REPO);
    await expect(runCli(['table', '--check'], d.value)).resolves.toBe(0);
  });
});
