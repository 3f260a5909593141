import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHECK_NAMES } from '../../src/checks';
import { type CliIo, HELP, parseCommand, runCli } from '../../src/cli';
import { UsageError } from '../../src/errors';
import type { StageProbe } from '../../src/stage-probe';
import type { StageDirectory } from '../../src/target';
import { outputsDir } from '../helpers/stage-outputs';

/** A stage's SSM parameters and queues, in memory. */
function memoryDirectory(parameters: Record<string, string>): StageDirectory & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async parameters(names) {
      asked.push(...names);
      return Object.fromEntries(names.filter((name) => name in parameters).map((name) => [name, parameters[name]!]));
    },
    async queueUrl(name) {
      asked.push(name);
      return `https://sqs.eu-west-1.amazonaws.com/123456789012/${name}`;
    },
  };
}

const PROD_PARAMETERS = {
  '/cruddur-avatars/prod/api-url': 'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/',
  '/cruddur-avatars/prod/assets-base-url': 'https://d111111abcdef8.cloudfront.net',
  '/cruddur-avatars/prod/avatar-processed-topic-arn': 'arn:aws:sns:eu-west-1:123456789012:cruddur-avatars-prod-avatar-processed',
  '/cruddur-avatars/prod/cognito/client-id': 'client-from-ssm',
};

/** An io that records what the CLI prints and fails loudly on any network use. */
function recordingIo(directory: StageDirectory = memoryDirectory({})): CliIo & { out: string[]; err: string[]; sent: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const sent: string[] = [];
  const refuse = () => {
    throw new Error('no AWS call expected');
  };
  const probe: StageProbe = { topicSubscriptions: refuse, queueDepth: refuse };
  return {
    out,
    err,
    sent,
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    fetch: (input) => {
      sent.push(String(input));
      return Promise.reject(new Error('no request expected'));
    },
    image: async () => Buffer.alloc(1234),
    connect: () => probe,
    directory: () => directory,
  };
}

describe('parseCommand', () => {
  it('reads a local stack file, resolved against the working directory', () => {
    expect(parseCommand(['--stack-file', '.local/stack.json', '--deadline', '5'], {}, '/repo')).toEqual({
      target: { mode: 'local', stackFile: '/repo/.local/stack.json' },
      deadlineSeconds: 5,
      dryRun: false,
      origin: undefined,
      username: undefined,
      password: undefined,
      accessToken: undefined,
    });
  });

  it('reads a stage from flags and the environment, flags first', () => {
    const env = {
      CRUDDUR_STAGE: 'prod',
      CRUDDUR_WEB_ORIGINS: 'https://cruddur.com,https://www.cruddur.com',
      CRUDDUR_COGNITO_CLIENT_ID: 'client-env',
      SMOKE_USERNAME: 'smoke-user',
      SMOKE_PASSWORD: 'from-env',
    };
    expect(parseCommand(['--outputs', 'out', '--region', 'eu-west-1'], env, '/repo')).toEqual({
      target: { mode: 'aws', stage: 'prod', source: { kind: 'outputs', path: '/repo/out' }, region: 'eu-west-1', cognitoClientId: 'client-env', cognitoEndpoint: undefined },
      origin: 'https://cruddur.com',
      username: 'smoke-user',
      password: 'from-env',
      accessToken: undefined,
      deadlineSeconds: undefined,
      dryRun: false,
    });
    expect(parseCommand(['--stage', 'test', '--origin', 'https://a.example'], env, '/repo')).toMatchObject({
      target: { mode: 'aws', stage: 'test', source: { kind: 'outputs', path: '/repo/tmp/cdk-outputs' } },
      origin: 'https://a.example',
    });
  });

  it('reads a stage from SSM in the given region, or the SDK\'s', () => {
    expect(parseCommand(['--stage', 'prod', '--from-ssm', '--region', 'eu-west-1'], {})?.target).toMatchObject({ stage: 'prod', source: { kind: 'ssm' }, region: 'eu-west-1' });
    expect(parseCommand(['--from-ssm'], { CRUDDUR_STAGE: 'prod', AWS_REGION: 'eu-central-1' })?.target).toMatchObject({ stage: 'prod', source: { kind: 'ssm' }, region: 'eu-central-1' });
    // Outside --from-ssm the region is the topic's unless given: AWS_REGION is only the SDK's default.
    expect(parseCommand(['--stage', 'prod'], { AWS_REGION: 'eu-central-1' })?.target).toMatchObject({ region: undefined });
  });

  it('means --help by undefined', () => {
    expect(parseCommand(['-h'], {})).toBeUndefined();
  });

  it.each([
    [[], /say what to test/],
    [['--stack-file', 's.json', '--stage', 'prod'], /not both/],
    [['--stack-file', 's.json', '--region', 'eu-west-1'], /--region applies to a deployed stage/],
    [['--stage', 'Prod!'], /invalid stage "Prod!"/],
    [['--stage', 'prod', '--region', 'mars'], /invalid region "mars"/],
    [['--stack-file', 's.json', '--origin', 'https://cruddur.com/profile'], /must be an origin \(scheme, host, port; no path\)/],
    [['--stack-file', 's.json', '--origin', 'cruddur.com'], /--origin must be an origin/],
    [['--stack-file', 's.json', '--deadline', '0'], /--deadline must be a number of seconds/],
    [['--stack-file', 's.json', '--deadline', '10m'], /--deadline must be a number of seconds/],
    [['--stack-file', 's.json', '--access-token', 't', '--password', 'p'], /either --access-token or --username\/--password/],
    [['--stack-file', 's.json', '--bogus'], /Unknown option '--bogus'/],
    [['--stage', 'prod', '--from-ssm'], /--from-ssm needs the stage's region/],
    [['--from-ssm', '--outputs', 'out', '--region', 'eu-west-1'], /either --outputs or --from-ssm/],
    [['--stack-file', 's.json', '--from-ssm'], /not both/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCommand(argv, {})).toThrow(UsageError);
    expect(() => parseCommand(argv, {})).toThrow(message);
  });
});

describe('runCli', () => {
  it('prints the help and exits 0', async () => {
    const io = recordingIo();
    await expect(runCli(['--help'], {}, io)).resolves.toBe(0);
    expect(io.out.join('')).toBe(HELP);
  });

  it('exits 2 on bad usage, with the reason and where the help is', async () => {
    const io = recordingIo();
    await expect(runCli(['--stage', 'prod', '--deadline', 'soon'], {}, io)).resolves.toBe(2);
    expect(io.err.join('')).toMatch(/^smoke: --deadline must be .*\n\(npx tsx tools\/smoke\/src\/main\.ts --help shows the options\)/);
  });

  it('exits 3 when the stack description cannot be read', async () => {
    const io = recordingIo();
    await expect(runCli(['--stack-file', path.join(tmpdir(), 'no-such', 'stack.json')], {}, io)).resolves.toBe(3);
    expect(io.err.join('')).toMatch(/cannot read stack file/);
  });

  it('exits 2 against a stage without an origin or a test user, and never guesses them', async () => {
    const dir = outputsDir();
    const noOrigin = recordingIo();
    await expect(runCli(['--outputs', dir, '--stage', 'prod'], {}, noOrigin)).resolves.toBe(2);
    expect(noOrigin.err.join('')).toMatch(/no web origin: pass --origin/);
    const noUser = recordingIo();
    await expect(runCli(['--outputs', dir, '--stage', 'prod', '--origin', 'https://cruddur.com'], {}, noUser)).resolves.toBe(2);
    expect(noUser.err.join('')).toMatch(/no test user: set SMOKE_USERNAME and SMOKE_PASSWORD/);
    expect([...noOrigin.sent, ...noUser.sent]).toEqual([]);
  });

  it('--dry-run prints the plan of every check against a stage, sends nothing, and exits 0', async () => {
    const io = recordingIo();
    const dir = outputsDir();
    const code = await runCli(['--outputs', dir, '--stage', 'prod', '--dry-run'], { CRUDDUR_WEB_ORIGINS: 'https://cruddur.com', SMOKE_USERNAME: 'smoke-user', SMOKE_PASSWORD: 'x' }, io);
    expect(code).toBe(0);
    expect(io.sent).toEqual([]);
    const text = io.out.join('');
    expect(text.split('\n')[0]).toBe(`dry run: the smoke test of stage prod (${dir}) would, from https://cruddur.com:`);
    const planned = text.split('\n').slice(1, -1).map((line) => line.trim().split(/\s+/)[0]);
    expect(planned).toEqual([...CHECK_NAMES]);
    const api = 'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com';
    expect(text).toContain(`OPTIONS ${api}/avatars/key_upload from https://cruddur.com`);
    expect(text).toContain('InitiateAuth USER_PASSWORD_AUTH as smoke-user at https://cognito-idp.eu-west-1.amazonaws.com/ (client 4abcdefghijklmnopqrstuvwx1)');
    expect(text).toContain(`POST ${api}/avatars/key_upload for a 1234-byte image/jpeg`);
    expect(text).toContain('GET https://d111111abcdef8.cloudfront.net/avatars/<sub>/<upload id>/{512,128}.{webp,jpg} until 200 (120.0 s after the upload)');
    expect(text).toContain('SNS ListSubscriptionsByTopic arn:aws:sns:eu-west-1:123456789012:cruddur-avatars-prod-avatar-processed: a Lambda subscription of cruddur-avatars-prod-profile-avatar-processed');
    expect(text).toContain('SQS GetQueueAttributes https://sqs.eu-west-1.amazonaws.com/123456789012/cruddur-avatars-prod-thumbnail-dlq');
  });

  it('--dry-run --from-ssm reads the parameters and the queue URL, then plans against them', async () => {
    const directory = memoryDirectory(PROD_PARAMETERS);
    const io = recordingIo(directory);
    const code = await runCli(['--stage', 'prod', '--from-ssm', '--region', 'eu-west-1', '--origin', 'https://cruddur.com', '--dry-run'], {}, io);
    expect(code).toBe(0);
    expect(directory.asked).toEqual([...Object.keys(PROD_PARAMETERS), 'cruddur-avatars-prod-thumbnail-dlq']);
    const text = io.out.join('');
    expect(text.split('\n')[0]).toBe('dry run: the smoke test of stage prod (SSM parameters in eu-west-1) would, from https://cruddur.com:');
    expect(text).toContain('(client client-from-ssm)');
    expect(text).toContain('a Lambda subscription of cruddur-avatars-prod-profile-avatar-processed');
    expect(text).toContain('SQS GetQueueAttributes https://sqs.eu-west-1.amazonaws.com/123456789012/cruddur-avatars-prod-thumbnail-dlq');
    expect(io.sent).toEqual([]);
  });

  it('exits 3 naming the SSM parameters a stage lacks', async () => {
    const withoutClient = Object.fromEntries(Object.entries(PROD_PARAMETERS).filter(([name]) => !name.endsWith('/cognito/client-id')));
    const io = recordingIo(memoryDirectory(withoutClient));
    await expect(runCli(['--stage', 'prod', '--from-ssm', '--region', 'eu-west-1', '--origin', 'https://cruddur.com'], {}, io)).resolves.toBe(3);
    expect(io.err.join('')).toMatch(/^smoke: stage prod in eu-west-1 has no SSM parameter \/cruddur-avatars\/prod\/cognito\/client-id: /);
    const given = recordingIo(memoryDirectory(withoutClient));
    await expect(runCli(['--stage', 'prod', '--from-ssm', '--region', 'eu-west-1', '--origin', 'https://cruddur.com', '--cognito-client-id', 'c-1', '--dry-run'], {}, given)).resolves.toBe(0);
  });

  it('--dry-run says what a real run still needs when no test user is given', async () => {
    const io = recordingIo();
    await expect(runCli(['--outputs', outputsDir(), '--stage', 'prod', '--origin', 'https://cruddur.com', '--dry-run'], {}, io)).resolves.toBe(0);
    expect(io.out.join('')).toContain('A real run needs a test user: SMOKE_USERNAME and SMOKE_PASSWORD, or SMOKE_ACCESS_TOKEN.');
  });
});
