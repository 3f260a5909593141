import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { type CheckResult, runSmoke } from '../../src/checks';
import { awsStageProbe } from '../../src/stage-probe';
import type { SmokeTarget } from '../../src/target';
import { type FakeAws, startFakeAws } from '../helpers/fake-aws';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:cruddur-avatars-prod-avatar-processed';
const SUBSCRIBER = 'cruddur-avatars-prod-profile-avatar-processed';
const DLQ = 'https://sqs.eu-west-1.amazonaws.com/123456789012/cruddur-avatars-prod-thumbnail-dlq';

/** A stage whose HTTP endpoints are a closed port: those checks fail fast, the AWS-only ones (which need none of them) still run. */
function stageAt(closed: string): SmokeTarget {
  return {
    kind: 'aws',
    description: 'stage prod (test)',
    apiUrl: closed,
    assetsUrl: closed,
    cognito: { endpoint: `${closed}/`, clientId: 'c' },
    demoUsers: [],
    aws: { stage: 'prod', region: 'eu-west-1', avatarProcessedTopicArn: TOPIC, profileSubscriberFunctionName: SUBSCRIBER, thumbnailDeadLetterQueueUrl: DLQ },
  };
}

/** A loopback URL nothing listens on (a port just released). */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

let target: SmokeTarget;
beforeAll(async () => {
  target = stageAt(await closedPortUrl());
});

const subscription = (fn: string, protocol = 'lambda') => ({
  protocol,
  endpoint: protocol === 'lambda' ? `arn:aws:lambda:eu-west-1:123456789012:function:${fn}` : fn,
  subscriptionArn: `${TOPIC}:${fn.length}`,
});

describe('the AWS-only checks, through the SDK against a local SNS/SQS', () => {
  let aws: FakeAws;
  const state = { subscriptions: [subscription('ops@example.com', 'email'), subscription('someone-else'), subscription(SUBSCRIBER)], queueDepth: { visible: 0, inFlight: 0 } };

  beforeAll(async () => {
    aws = await startFakeAws(state);
  });
  afterAll(() => aws.close());

  async function run(): Promise<Record<string, CheckResult>> {
    const clients = { region: 'eu-west-1', endpoint: aws.url, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } };
    const results = await runSmoke(
      target,
      { origin: 'https://cruddur.com', user: { kind: 'token', accessToken: 't' }, deadlineMs: 1000, image: Buffer.alloc(10), requestTimeoutMs: 2000 },
      { fetch: (input, init) => fetch(input, init), probe: awsStageProbe(new SNSClient(clients), new SQSClient(clients)), report: () => undefined },
    );
    return Object.fromEntries(results.map((r) => [r.name, r]));
  }

  it('passes when the topic delivers to the profile subscriber (on the second page) and the DLQ is empty', async () => {
    aws.calls.length = 0;
    const results = await run();
    expect(results['avatar-subscription']).toEqual({ name: 'avatar-subscription', status: 'pass', reason: `cruddur-avatars-prod-avatar-processed delivers to ${SUBSCRIBER}` });
    expect(results['thumbnail-dlq']).toEqual({ name: 'thumbnail-dlq', status: 'pass', reason: 'empty' });
    expect(aws.calls).toEqual([`SNS ListSubscriptionsByTopic ${TOPIC}`, `SNS ListSubscriptionsByTopic ${TOPIC}`, `SQS GetQueueAttributes ${DLQ}`]);
    // The HTTP checks failed on the closed port and said where and why.
    expect(results['api-cors']).toMatchObject({ status: 'FAIL', reason: `OPTIONS ${target.apiUrl}/avatars/key_upload: ECONNREFUSED` });
  });

  it('fails when the subscription is gone and warns when failed uploads are parked', async () => {
    state.subscriptions = [subscription('ops@example.com', 'email'), subscription('someone-else')];
    state.queueDepth = { visible: 2, inFlight: 1 };
    const results = await run();
    expect(results['avatar-subscription']).toMatchObject({ status: 'FAIL', reason: `${TOPIC} has no Lambda subscription of ${SUBSCRIBER} (2 other subscription(s)): redeploy the profile stack` });
    expect(results['thumbnail-dlq']).toMatchObject({ status: 'warn', reason: '3 failed upload(s) parked: npx tsx tools/redrive/src/main.ts --stage prod --dry-run lists them' });
  });

  it('fails, naming the cause, when SNS cannot be reached', async () => {
    const results = await runSmoke(
      target,
      { origin: 'https://cruddur.com', user: { kind: 'token', accessToken: 't' }, deadlineMs: 1000, image: Buffer.alloc(10), requestTimeoutMs: 2000 },
      {
        fetch: () => Promise.reject(new Error('offline')),
        probe: { topicSubscriptions: () => Promise.reject(new Error('AuthorizationError: not allowed')), queueDepth: () => Promise.reject(new Error('AccessDenied')) },
        report: () => undefined,
      },
    );
    expect(results.find((r) => r.name === 'avatar-subscription')).toMatchObject({ status: 'FAIL', reason: `cannot list the subscriptions of ${TOPIC}: AuthorizationError: not allowed` });
    expect(results.find((r) => r.name === 'thumbnail-dlq')).toMatchObject({ status: 'FAIL', reason: `cannot read ${DLQ}: AccessDenied` });
  });
});
