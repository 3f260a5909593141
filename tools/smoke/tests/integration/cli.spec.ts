import { HELP } from '../../src/cli';
import { runSmokeCli } from '../helpers/run-cli';

describe('the CLI as a process', () => {
  it('prints its help with --help and exits 0', async () => {
    const run = await runSmokeCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(HELP);
  });

  it('exits 2 on an unknown option', async () => {
    const run = await runSmokeCli(['--stack-file', 'x.json', '--nope']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Unknown option '--nope'");
  });
});
