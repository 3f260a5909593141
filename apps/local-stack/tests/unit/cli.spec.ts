import path from 'node:path';
import { parseCli, usage } from '../../src/cli';
import { UsageError } from '../../src/errors';
import { DEFAULT_PORTS } from '../../src/options';

const ROOT = '/repo';

describe('parseCli', () => {
  it('defaults to the repo’s .local folder and the default ports', () => {
    expect(parseCli([], {}, ROOT)).toEqual({
      help: false,
      reset: false,
      dataDir: path.resolve('/repo/.local'),
      ports: DEFAULT_PORTS,
      buildWeb: true,
      handlerLogLevel: 'INFO',
    });
  });

  it('takes ports from the environment, and flags over the environment', () => {
    const options = parseCli(['--api-port', '0', '--data-dir', '/tmp/x', '--reset', '--no-build'], { LOCAL_API_PORT: '5000', LOCAL_WEB_PORT: '8080' }, ROOT);
    expect(options.ports).toEqual({ ...DEFAULT_PORTS, api: 0, web: 8080 });
    expect(options).toMatchObject({ dataDir: '/tmp/x', reset: true, buildWeb: false });
  });

  it.each([
    [['--api-port', '70000']],
    [['--web-port', 'abc']],
    [['--bogus']],
    [['--handler-log-level', 'LOUD']],
  ])('refuses %j with a UsageError', (argv) => {
    expect(() => parseCli(argv, {}, ROOT)).toThrow(UsageError);
  });

  it('documents every option', () => {
    const text = usage(ROOT);
    for (const option of ['--data-dir', '--reset', '--web-port', '--api-port', '--s3-port', '--cognito-port', '--assets-port', '--no-build', '--help', 'LOCAL_API_PORT']) {
      expect(text).toContain(option);
    }
  });
});
