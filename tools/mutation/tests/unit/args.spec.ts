import { MutationUsageError } from '../../src/errors';
import { parseArgs, splitWorkspace } from '../../src/cli';

describe('parseArgs', () => {
  it('reads project names and a concurrency', () => {
    expect(parseArgs(['jwt', 's3-keys', '--concurrency', '2'])).toEqual({ kind: 'run', projects: ['jwt', 's3-keys'], concurrency: 2 });
    expect(parseArgs(['--all'])).toEqual({ kind: 'run', projects: 'all' });
    expect(parseArgs(['jwt', '--incremental'])).toEqual({ kind: 'run', projects: ['jwt'], incremental: true });
  });

  it('reads list, table and help', () => {
    expect(parseArgs(['list'])).toEqual({ kind: 'list' });
    expect(parseArgs(['table'])).toEqual({ kind: 'table', mode: 'print' });
    expect(parseArgs(['table', '--write'])).toEqual({ kind: 'table', mode: 'write' });
    expect(parseArgs(['table', '--check'])).toEqual({ kind: 'table', mode: 'check' });
    expect(parseArgs(['jwt', '--help'])).toEqual({ kind: 'help' });
    expect(parseArgs(['-h'])).toEqual({ kind: 'help' });
  });

  it.each([
    [[], 'name a project (or --all); --help lists the options'],
    [['--concurrency', '2'], 'name a project (or --all); --help lists the options'],
    [['jwt', '--concurrency'], '--concurrency needs a whole number from 1 to 999'],
    [['jwt', '--concurrency', '0'], '--concurrency needs a whole number from 1 to 999'],
    [['jwt', '--concurrency', '1.5'], '--concurrency needs a whole number from 1 to 999'],
    [['jwt', '--concurrency', '1000'], '--concurrency needs a whole number from 1 to 999'],
    [['jwt', '--fast'], 'unknown option --fast; --help lists the options'],
    [['--all', 'jwt'], 'give --all or project names, not both'],
    [['list', 'jwt'], 'list takes no arguments, got jwt'],
    [['table', '--print'], 'table takes --write or --check, got --print'],
    [['table', '--write', '--check'], 'table takes --write or --check, got --write --check'],
  ])('refuses %j with a usage error', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(new MutationUsageError(message));
  });
});

describe('splitWorkspace', () => {
  it('takes --workspace DIR out of any position', () => {
    expect(splitWorkspace(['jwt', '--workspace', '/w', '--concurrency', '1'])).toEqual({ workspace: '/w', rest: ['jwt', '--concurrency', '1'] });
    expect(splitWorkspace(['list'])).toEqual({ rest: ['list'] });
  });

  it('refuses --workspace without a folder', () => {
    expect(() => splitWorkspace(['jwt', '--workspace'])).toThrow(new MutationUsageError('--workspace needs a folder'));
    expect(() => splitWorkspace(['--workspace', '--all'])).toThrow(MutationUsageError);
  });
});
