import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
// eslint-disable-next-line @nx/enforce-module-boundaries -- tools/smoke's own test helpers: the AWS stand-in
import { type FakeAws, startFakeAws } from '../../../../tools/smoke/tests/helpers/fake-aws';
// eslint-disable-next-line @nx/enforce-module-boundaries -- tools/smoke's own test helpers: its runner
import { type CliRun, runSmokeCli } from '../../../../tools/smoke/tests/helpers/run-cli';
// eslint-disable-next-line @nx/enforce-module-boundaries -- tools/smoke's own test helpers: a stage's outputs
import { outputsDir } from '../../../../tools/smoke/tests/helpers/stage-outputs';
import { type SharedStack, sharedStack, writeStackView } from '../helpers/shared-stack';

const PASSING = ['api-cors', 'sign-in', 'upload-url', 'uploads-cors', 'upload', 'renditions', 'profile', 'cleanup'];

// tools/smoke against the shared stack, as after `npm start`: its description file lists only this
// file's users, so the smoke test signs in as them. (A stack whose thumbnail cannot write is its own:
// tools/smoke/tests/integration/local-stack.spec.ts.)
describe('tools/smoke against the local stack', () => {
  let workDir: string;
  let stack: SharedStack;
  let stackFile: string;

  beforeAll(() => {
    workDir = mkdtempSync(path.join(tmpdir(), 'cruddur-smoke-'));
    stack = sharedStack('smoke');
    stackFile = writeStackView(stack, workDir);
  });
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  const explain = (run: CliRun) => `exit ${run.code}\n${run.stdout}\n${run.stderr}`;

  it('passes every check, from the page origin as the first demo user, and exits 0', async () => {
    const run = await runSmokeCli(['--stack-file', stackFile, '--deadline', '60']);
    expect(explain(run)).toMatch(/^exit 0\n/);
    for (const name of PASSING) expect([name, run.checks[name]?.status]).toEqual([name, 'pass']);
    expect(run.checks['sign-in']?.reason).toContain(stack.demoUsers[0]!.username);
    expect(run.checks['renditions']?.reason).toMatch(/^512\.webp, 512\.jpg, 128\.webp, 128\.jpg on the CDN/);
    expect(run.checks['avatar-subscription']).toEqual({ status: 'skip', reason: expect.stringContaining('AWS mode only') });
    expect(run.checks['thumbnail-dlq']).toEqual({ status: 'skip', reason: 'AWS mode only' });
    expect(run.checks['cleanup']?.reason).toBe('DELETE /api/profile/avatar: 204');
    expect(Object.keys(run.checks)).toHaveLength(10);
    expect(run.stdout).toMatch(/^smoke passed: 8 passed, 0 failed, 0 warned, 2 skipped/m);

    // The profile showed the avatar it uploaded, and the cleanup removed it: no avatar, its renditions gone from the CDN.
    expect(run.checks['profile']?.reason).toMatch(/shows avatar \d{13}-[0-9a-f]{16}/);
    const profile = (await (await fetch(`${stack.apiUrl}/api/profiles/${stack.demoUsers[0]!.username}`)).json()) as { avatar: unknown };
    expect(profile.avatar).toBeNull();
  });

  it('fails both CORS checks from an origin the stack does not allow', async () => {
    const run = await runSmokeCli(['--stack-file', stackFile, '--origin', 'https://evil.example', '--deadline', '60']);
    expect(run.code).toBe(1);
    expect(run.checks['api-cors']).toEqual({ status: 'FAIL', reason: expect.stringContaining('preflight from https://evil.example refused') });
    expect(run.checks['uploads-cors']).toEqual({ status: 'FAIL', reason: expect.stringContaining('403 AccessForbidden') });
    expect(run.stdout).toMatch(/^smoke FAILED: \d+ passed, 2 failed/m);
  });

  it('fails sign-in with a wrong password and skips every check that needs the session', async () => {
    const run = await runSmokeCli(['--stack-file', stackFile], { SMOKE_PASSWORD: 'not-the-password' });
    expect(run.code).toBe(1);
    expect(run.checks['sign-in']).toEqual({ status: 'FAIL', reason: expect.stringMatching(/^Cognito refused \S+: (NotAuthorizedException|InvalidPasswordException)/) });
    for (const name of ['upload-url', 'uploads-cors', 'upload', 'renditions', 'profile', 'cleanup']) {
      expect([name, run.checks[name]?.status]).toEqual([name, 'skip']);
    }
  });

  it("runs AWS mode end to end from a stage's outputs, its SNS calls sent through the SDK's endpoint setting and SQS's to the queue URL", async () => {
    const topic = 'arn:aws:sns:us-east-1:000000000000:cruddur-avatars-smoke-avatar-processed';
    const subscriber = 'cruddur-avatars-smoke-profile-avatar-processed';
    const aws: FakeAws = await startFakeAws({
      subscriptions: [{ protocol: 'lambda', endpoint: `arn:aws:lambda:us-east-1:000000000000:function:${subscriber}`, subscriptionArn: `${topic}:1` }],
      queueDepth: { visible: 1, inFlight: 0 },
    });
    // The SQS client sends to the queue URL's host, as with a real queue.
    const dlq = `${aws.url}/000000000000/cruddur-avatars-smoke-thumbnail-dlq`;
    // The local stack stands in for the API, the CDN and Cognito; SNS and SQS answer from a stand-in.
    const dir = outputsDir({
      'cruddur-avatars-smoke-shared.json': {
        'cruddur-avatars-smoke-api': { ApiUrl: `${stack.apiUrl}/` },
        'cruddur-avatars-smoke-storage': { CdnUrl: stack.assetsUrl },
        'cruddur-avatars-smoke-events': { AvatarProcessedTopicArn: topic },
        'cruddur-avatars-smoke-auth': { UserPoolClientId: stack.cognito.clientId },
      },
      'cruddur-avatars-smoke-thumbnail.json': { 'cruddur-avatars-smoke-thumbnail': { DeadLetterQueueUrl: dlq } },
      'cruddur-avatars-smoke-profile.json': { 'cruddur-avatars-smoke-profile': { avatarProcessedFunctionName: subscriber } },
    });
    const user = stack.demoUsers[1] ?? stack.demoUsers[0]!;
    try {
      const run = await runSmokeCli(['--stage', 'smoke', '--outputs', dir, '--origin', stack.webUrl, '--cognito-endpoint', stack.cognito.endpoint, '--deadline', '60'], {
        SMOKE_USERNAME: user.username,
        SMOKE_PASSWORD: user.password,
        AWS_ENDPOINT_URL_SNS: aws.url,
        AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'example-secret',
      });
      expect(explain(run)).toMatch(/^exit 0\n/);
      for (const name of [...PASSING, 'avatar-subscription']) expect([name, run.checks[name]?.status]).toEqual([name, 'pass']);
      expect(run.checks['thumbnail-dlq']).toEqual({ status: 'warn', reason: expect.stringContaining('1 failed upload(s) parked') });
      expect(run.stdout).toContain(`smoke test of stage smoke (${dir}), from ${stack.webUrl}`);
      expect(aws.calls).toEqual([`SNS ListSubscriptionsByTopic ${topic}`, `SQS GetQueueAttributes ${dlq}`]);
    } finally {
      await aws.close();
    }
  });

  it("runs AWS mode from a stage's SSM parameters and stable names (--from-ssm), every AWS call through the SDK's endpoint settings", async () => {
    const topic = 'arn:aws:sns:us-east-1:000000000000:cruddur-avatars-smoke-avatar-processed';
    const subscriber = 'cruddur-avatars-smoke-profile-avatar-processed';
    const aws: FakeAws = await startFakeAws({
      subscriptions: [{ protocol: 'lambda', endpoint: `arn:aws:lambda:us-east-1:000000000000:function:${subscriber}`, subscriptionArn: `${topic}:1` }],
      queueDepth: { visible: 0, inFlight: 0 },
      parameters: {
        '/cruddur-avatars/smoke/api-url': `${stack.apiUrl}/`,
        '/cruddur-avatars/smoke/assets-base-url': stack.assetsUrl,
        '/cruddur-avatars/smoke/avatar-processed-topic-arn': topic,
        '/cruddur-avatars/smoke/cognito/client-id': stack.cognito.clientId,
      },
      queues: ['cruddur-avatars-smoke-thumbnail-dlq'],
    });
    const user = stack.demoUsers[1] ?? stack.demoUsers[0]!;
    try {
      const run = await runSmokeCli(['--stage', 'smoke', '--from-ssm', '--region', 'us-east-1', '--origin', stack.webUrl, '--cognito-endpoint', stack.cognito.endpoint], {
        SMOKE_USERNAME: user.username,
        SMOKE_PASSWORD: user.password,
        AWS_ENDPOINT_URL_SNS: aws.url,
        AWS_ENDPOINT_URL_SQS: aws.url,
        AWS_ENDPOINT_URL_SSM: aws.url,
        AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'example-secret',
      });
      expect(explain(run)).toMatch(/^exit 0\n/);
      for (const name of [...PASSING, 'avatar-subscription']) expect([name, run.checks[name]?.status]).toEqual([name, 'pass']);
      expect(run.checks['thumbnail-dlq']).toEqual({ status: 'pass', reason: 'empty' });
      expect(run.stdout).toContain(`smoke test of stage smoke (SSM parameters in us-east-1), from ${stack.webUrl}`);
      expect(aws.calls).toEqual([
        'SSM GetParameters /cruddur-avatars/smoke/api-url,/cruddur-avatars/smoke/assets-base-url,/cruddur-avatars/smoke/avatar-processed-topic-arn,/cruddur-avatars/smoke/cognito/client-id',
        'SQS GetQueueUrl cruddur-avatars-smoke-thumbnail-dlq',
        `SNS ListSubscriptionsByTopic ${topic}`,
        `SQS GetQueueAttributes ${aws.url}/000000000000/cruddur-avatars-smoke-thumbnail-dlq`,
      ]);
    } finally {
      await aws.close();
    }
  });
});
