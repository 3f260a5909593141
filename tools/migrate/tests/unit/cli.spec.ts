import { runMigrateCli } from '../../src/cli';

async function cli(argv: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runMigrateCli(argv, { stdout: (l) => out.push(l), stderr: (l) => err.push(l), env });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('migrate CLI', () => {
  it('explains itself with --help', async () => {
    const res = await cli(['--help']);
    expect(res.code).toBe(0);
    for (const command of ['generate <name>', 'migrate', 'rollback', 'status', '--database-url']) expect(res.stdout).toContain(command);
  });

  it.each([
    ['no command', []],
    ['an unknown command', ['upgrade']],
    ['an unknown option', ['status', '--force']],
    ['arguments to migrate', ['migrate', 'now']],
    ['generate without a name', ['generate']],
  ])('exits 2 for %s', async (_, argv) => {
    const res = await cli(argv);
    expect(res.code).toBe(2);
    expect(res.stderr.length).toBeGreaterThan(0);
  });

  it('exits 1 when no database is configured', async () => {
    const res = await cli(['status']);
    expect(res).toMatchObject({ code: 1, stderr: expect.stringMatching(/no database configured/) });
  });
});
