import { RemovalPolicy, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { suppress } from '../../../src/nag';
import { buildTestApp, type TestApp, sharedTestApp } from '../../helpers/avatars-app';

/** Properties that give a resource a fixed physical name (a second create under it fails with "already exists"). */
const NAME_PROPERTIES = [
  'AlarmName',
  'BucketName',
  'ClusterName',
  'DashboardName',
  'DBClusterIdentifier',
  'DBInstanceIdentifier',
  'FunctionName',
  'LogGroupName',
  'Name',
  'QueueName',
  'RoleName',
  'SecretName',
  'TableName',
  'TopicName',
  'UserPoolName',
];


function stacksOf(app: TestApp): Array<[string, Stack]> {
  return Object.values(app.stacks)
    .filter((s): s is Stack => s !== undefined)
    .map((s) => [s.stackName, s]);
}

const stages = {
  dev: buildTestApp({ context: { stage: 'dev', account: '', region: '', alarmTopicArn: '' } }),
  prod: sharedTestApp('prod'),
  test: sharedTestApp('test'),
};

/** Resources a rolled-back create would leave behind under a fixed name: the retry then fails with "already exists". */
function namedAndRetainedAfterFailedCreate(stack: Stack): Array<{ id: string; type: unknown; names: string[] }> {
  return Object.entries(Template.fromStack(stack).toJSON()['Resources'] as Record<string, Record<string, unknown>>)
    .filter(([, r]) => r['DeletionPolicy'] === 'Retain')
    .map(([id, r]) => {
      const properties = (r['Properties'] ?? {}) as Record<string, unknown>;
      return { id, type: r['Type'], names: NAME_PROPERTIES.filter((p) => properties[p] !== undefined) };
    })
    .filter((r) => r.names.length > 0);
}

describe.each(Object.entries(stages))('%s stage: a failed deploy can be re-run', (_stage, app) => {
  it.each(stacksOf(app))('%s: no resource with a fixed name is kept after a failed create (no plain Retain)', (_name, stack) => {
    expect(namedAndRetainedAfterFailedCreate(stack)).toEqual([]);
  });
});

describe('the retain policy a production stage relies on', () => {
  it('keeps named data and logs on delete and on replacement, but frees their names after a failed create', () => {
    const named = stacksOf(stages.prod).flatMap(([, stack]) =>
      Object.values(Template.fromStack(stack).findResources('AWS::Logs::LogGroup')).concat(
        Object.values(Template.fromStack(stack).findResources('AWS::SQS::Queue')),
        Object.values(Template.fromStack(stack).findResources('AWS::SNS::Topic')),
      ),
    );
    expect(named.length).toBeGreaterThan(8);
    for (const resource of named) {
      expect({ deletion: resource['DeletionPolicy'], replace: resource['UpdateReplacePolicy'] }).toEqual({
        deletion: 'RetainExceptOnCreate',
        replace: 'Retain',
      });
    }
  });

  it('catches the combination it forbids (a named, plainly retained queue)', () => {
    const broken = buildTestApp();
    const queue = new sqs.Queue(broken.stacks.presign, 'Leftover', { queueName: 'leftover', enforceSSL: true });
    queue.applyRemovalPolicy(RemovalPolicy.RETAIN);
    suppress(queue, [
      { id: 'AwsSolutions-SQS3', reason: 'a test queue that only exists to be found by the check' },
      { id: 'Serverless-SQSRedrivePolicy', reason: 'a test queue that only exists to be found by the check' },
    ]);
    expect(namedAndRetainedAfterFailedCreate(broken.stacks.presign)).toEqual([
      { id: expect.stringMatching(/^Leftover/), type: 'AWS::SQS::Queue', names: ['QueueName'] },
    ]);
  });
});

describe('the thumbnail trigger on the uploads bucket cannot be overwritten', () => {
  it('a second notification added in the storage stack merges into the bucket instead of replacing its configuration', () => {
    const { stacks } = buildTestApp();
    const audit = new sqs.Queue(stacks.storage, 'UploadAudit', { enforceSSL: true });
    stacks.storage.storage.uploadsBucket.addEventNotification(s3.EventType.OBJECT_REMOVED, new s3n.SqsDestination(audit));
    suppress(stacks.storage, [
      { id: 'AwsSolutions-SQS3', reason: 'a test queue that only exists to receive the second notification' },
      { id: 'Serverless-SQSRedrivePolicy', reason: 'a test queue that only exists to receive the second notification' },
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: "CDK's bucket-notifications handler, brought in by the test's second notification",
      },
    ]);
    const storage = Template.fromStack(stacks.storage);
    // A managed configuration (or NotificationConfiguration on the bucket) would be written whole, dropping the thumbnail's.
    storage.hasResourceProperties('Custom::S3BucketNotifications', { Managed: false });
    // The assets bucket's own configuration is EventBridge only (deleted renditions), and no stack merges anything into that bucket.
    for (const [id, bucket] of Object.entries(storage.findResources('AWS::S3::Bucket'))) {
      expect(bucket['Properties'].NotificationConfiguration).toEqual(
        id.startsWith('StorageAssetsBucket') ? { EventBridgeConfiguration: { EventBridgeEnabled: true } } : undefined,
      );
    }
    Template.fromStack(stacks.thumbnail).hasResourceProperties('Custom::S3BucketNotifications', { Managed: false });
  });
});

describe('failed events can be replayed within their retention', () => {
  it('keeps originals at least as long as the thumbnail dead-letter queue keeps their failed events', () => {
    const { stacks } = sharedTestApp('test');
    const [uploads] = Object.values(Template.fromStack(stacks.storage).findResources('AWS::S3::Bucket')).filter((b) =>
      (b['Properties'].LifecycleConfiguration?.Rules ?? []).some((r: { Id: string }) => r.Id === 'expire-unprocessed-uploads'),
    );
    const expirationDays = (uploads?.['Properties'].LifecycleConfiguration.Rules as Array<{ Id: string; ExpirationInDays: number }>).find(
      (r) => r.Id === 'expire-unprocessed-uploads',
    )?.ExpirationInDays;
    const [dlq] = Object.values(Template.fromStack(stacks.thumbnail).findResources('AWS::SQS::Queue'));
    const dlqDays = (dlq?.['Properties'].MessageRetentionPeriod as number) / 86_400;
    expect(dlqDays).toBe(14);
    expect(expirationDays).toBeGreaterThanOrEqual(dlqDays);
  });
});
