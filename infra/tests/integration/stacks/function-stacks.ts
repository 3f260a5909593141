import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildTestApp, TEST_CONTEXT } from '../../helpers/avatars-app';
import {
  actionsOf,
  flattenJoin,
  identityStatements,
  roleStatements,
  ssmParameterRef,
  type PolicyStatementJson,
} from '../../helpers/template-queries';

const ALARM_TOPIC = 'arn:aws:sns:eu-west-1:123456789012:ops-alarms';
/** What active tracing adds to every function role (X-Ray supports no resource-level permissions). */
const XRAY = { effect: 'Allow', actions: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'], resources: ['*'] };

/** `[sid or actions] -> resource` pairs, readable in a failing diff. */
const describeStatements = (statements: PolicyStatementJson[]) =>
  statements.map((s) => ({
    effect: s.Effect,
    actions: actionsOf(s),
    resources: (Array.isArray(s.Resource) ? s.Resource : [s.Resource]).map(flattenJoin),
  }));

describe('function stacks', () => {
  const { stacks } = buildTestApp({
    context: { thumbnailReservedConcurrency: '3', alarmTopicArn: ALARM_TOPIC },
  });
  const authorizer = Template.fromStack(stacks.authorizer);
  const presign = Template.fromStack(stacks.presign);
  const thumbnail = Template.fromStack(stacks.thumbnail);
  const uploadsBucketParam = ssmParameterRef(thumbnail, '/cruddur-avatars/test/uploads-bucket-name');
  const assetsBucketParam = ssmParameterRef(thumbnail, '/cruddur-avatars/test/assets-bucket-name');

  describe.each([
    ['authorizer', () => authorizer, 256, 5],
    ['presign', () => presign, 256, 10],
    ['thumbnail', () => thumbnail, 1024, 30],
  ])('%s', (name, template, memorySize, timeout) => {
    it('runs index.handler on nodejs22.x arm64 under its stable name, with source maps and powertools env', () => {
      template().hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: `cruddur-avatars-test-${name}`,
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: memorySize,
        Timeout: timeout,
        Environment: {
          Variables: Match.objectLike({
            NODE_OPTIONS: '--enable-source-maps',
            POWERTOOLS_SERVICE_NAME: name,
            POWERTOOLS_LOG_LEVEL: 'INFO',
          }),
        },
        LoggingConfig: { LogGroup: { Ref: Match.stringLikeRegexp('LogGroup') } },
      });
    });

    it('logs to its own log group with a retention', () => {
      template().hasResourceProperties('AWS::Logs::LogGroup', {
        LogGroupName: `/aws/lambda/cruddur-avatars-test-${name}`,
        RetentionInDays: 30,
      });
    });

    it('has a role with no managed policies', () => {
      const roles = Object.values(template().findResources('AWS::IAM::Role', {
        Properties: { AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'lambda.amazonaws.com' } })] } },
      }));
      const own = roles.filter((r) => (r['Properties'].Description as string | undefined)?.includes(`cruddur-avatars-test-${name}`));
      expect(own).toHaveLength(1);
      expect(own[0]?.['Properties'].ManagedPolicyArns).toBeUndefined();
    });

    it('grants Resource "*" only for the two X-Ray calls active tracing needs', () => {
      const star = identityStatements(template()).filter((s) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]).includes('*'));
      expect(star.map(actionsOf)).toEqual([['xray:PutTelemetryRecords', 'xray:PutTraceSegments']]);
    });

    it('traces every invocation with X-Ray (active tracing)', () => {
      template().hasResourceProperties('AWS::Lambda::Function', { TracingConfig: { Mode: 'Active' } });
    });
  });

  it('authorizer: reads the Cognito ids from context and gets no AWS permission beyond its own log group', () => {
    authorizer.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          COGNITO_USER_POOL_ID: TEST_CONTEXT.cognitoUserPoolId,
          COGNITO_CLIENT_ID: TEST_CONTEXT.cognitoClientId,
        }),
      },
    });
    expect(describeStatements(identityStatements(authorizer))).toEqual([
      {
        effect: 'Allow',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [expect.stringMatching(/^\$\{AuthorizerLogGroup[0-9A-F]+\.Arn\}$/)],
      },
      XRAY,
    ]);
    authorizer.resourceCountIs('AWS::Lambda::Permission', 0);
  });

  it('presign: configured from context, and may only s3:PutObject under the uploads prefix', () => {
    presign.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          UPLOADS_BUCKET: { Ref: Match.stringLikeRegexp('uploadsbucketname') },
          UPLOAD_MAX_BYTES: '10485760',
          UPLOAD_URL_EXPIRES_SECONDS: '300',
          ALLOWED_ORIGINS: TEST_CONTEXT.webOrigins,
        }),
      },
    });
    expect(describeStatements(identityStatements(presign))).toEqual([
      {
        effect: 'Allow',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [expect.stringMatching(/^\$\{PresignLogGroup[0-9A-F]+\.Arn\}$/)],
      },
      XRAY,
      {
        effect: 'Allow',
        actions: ['s3:PutObject'],
        resources: [
          `arn:aws:s3:::${ssmParameterRef(presign, '/cruddur-avatars/test/uploads-bucket-name')}/uploads/avatars/*`,
        ],
      },
    ]);
    presign.hasParameter('*', { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cruddur-avatars/test/uploads-bucket-name' });
  });

  describe('thumbnail', () => {
    const queueId = Object.keys(thumbnail.findResources('AWS::SQS::Queue'))[0];
    const topicParam = ssmParameterRef(thumbnail, '/cruddur-avatars/test/avatar-processed-topic-arn');
    const keyParam = ssmParameterRef(thumbnail, '/cruddur-avatars/test/avatar-processed-topic-key-arn');

    it('gets its bucket, topic and limits through env, and a reserved concurrency from context', () => {
      thumbnail.hasResourceProperties('AWS::Lambda::Function', {
        ReservedConcurrentExecutions: 3,
        Environment: {
          Variables: Match.objectLike({
            ASSETS_BUCKET: { Ref: Match.stringLikeRegexp('assetsbucketname') },
            AVATAR_PROCESSED_TOPIC_ARN: { Ref: topicParam.slice(2, -1) },
            UPLOAD_MAX_BYTES: '10485760',
          }),
        },
      });
    });

    it('reads and deletes originals under the uploads prefix, writes renditions under the assets prefix, publishes to the shared topic', () => {
      expect(describeStatements(roleStatements(thumbnail, 'ThumbnailRole'))).toEqual([
        {
          effect: 'Allow',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [expect.stringMatching(/^\$\{ThumbnailLogGroup[0-9A-F]+\.Arn\}$/)],
        },
        XRAY,
        { effect: 'Allow', actions: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'], resources: [`\${${queueId}.Arn}`] },
        { effect: 'Allow', actions: ['s3:GetObject'], resources: [`arn:aws:s3:::${uploadsBucketParam}/uploads/avatars/*`] },
        // Exactly DeleteObject, on the originals only: the function deletes each once it is done.
        { effect: 'Allow', actions: ['s3:DeleteObject'], resources: [`arn:aws:s3:::${uploadsBucketParam}/uploads/avatars/*`] },
        { effect: 'Allow', actions: ['s3:PutObject'], resources: [`arn:aws:s3:::${assetsBucketParam}/avatars/*`] },
        { effect: 'Allow', actions: ['s3:ListBucket'], resources: [`arn:aws:s3:::${uploadsBucketParam}`] },
        { effect: 'Allow', actions: ['sns:Publish'], resources: [topicParam] },
        { effect: 'Allow', actions: ['kms:Decrypt', 'kms:GenerateDataKey*'], resources: [keyParam] },
      ]);
    });

    it('is triggered by ObjectCreated on the uploads prefix of the imported uploads bucket, merged not replaced', () => {
      thumbnail.hasResourceProperties('Custom::S3BucketNotifications', {
        BucketName: { Ref: Match.stringLikeRegexp('uploadsbucketname') },
        Managed: false,
        NotificationConfiguration: {
          LambdaFunctionConfigurations: [
            {
              Events: ['s3:ObjectCreated:*'],
              Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'uploads/avatars/' }] } },
              LambdaFunctionArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ThumbnailFunction'), 'Arn'] },
            },
          ],
        },
      });
      const [permission] = Object.values(thumbnail.findResources('AWS::Lambda::Permission'));
      expect(permission?.['Properties']).toMatchObject({
        Action: 'lambda:InvokeFunction',
        Principal: 's3.amazonaws.com',
        SourceAccount: '123456789012',
      });
      expect(flattenJoin(permission?.['Properties'].SourceArn)).toBe(`arn:aws:s3:::${uploadsBucketParam}`);
      expect(describeStatements(roleStatements(thumbnail, 'BucketNotificationsHandler'))).toEqual([
        {
          effect: 'Allow',
          actions: ['s3:GetBucketNotification', 's3:PutBucketNotification'],
          resources: [`arn:aws:s3:::${uploadsBucketParam}`],
        },
      ]);
    });

    it('retries an event twice, then sends it to the dead-letter queue', () => {
      thumbnail.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: Match.stringLikeRegexp('^ThumbnailFunction') },
        Qualifier: '$LATEST',
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
      });
    });

    it('keeps the dead-letter queue encrypted and TLS-only, and alarms as soon as it holds a message', () => {
      thumbnail.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: 'cruddur-avatars-test-thumbnail-dlq',
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: 1_209_600,
      });
      thumbnail.hasResourceProperties('AWS::SQS::QueuePolicy', {
        PolicyDocument: {
          Statement: [Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })],
        },
      });
      thumbnail.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
        ComparisonOperator: 'GreaterThanThreshold',
        Threshold: 0,
        EvaluationPeriods: 1,
        AlarmActions: [ALARM_TOPIC],
      });
    });

    it('owns no topic and publishes no shared name: the "avatar processed" topic is the events stack\'s', () => {
      thumbnail.resourceCountIs('AWS::SNS::Topic', 0);
      thumbnail.resourceCountIs('AWS::KMS::Key', 0);
      thumbnail.resourceCountIs('AWS::SSM::Parameter', 0);
    });
  });

  describe('events (shared)', () => {
    const events = Template.fromStack(stacks.events);
    const [keyId] = Object.keys(events.findResources('AWS::KMS::Key'));
    const [topicId] = Object.keys(events.findResources('AWS::SNS::Topic'));

    it('holds the "avatar processed" topic, encrypted with a rotating key, TLS-only, kept on delete but not after a failed create', () => {
      events.hasResource('AWS::SNS::Topic', {
        DeletionPolicy: 'RetainExceptOnCreate',
        UpdateReplacePolicy: 'Retain',
        Properties: { TopicName: 'cruddur-avatars-test-avatar-processed', KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } },
      });
      events.hasResource('AWS::KMS::Key', { DeletionPolicy: 'RetainExceptOnCreate', Properties: Match.objectLike({ EnableKeyRotation: true }) });
      events.hasResourceProperties('AWS::SNS::TopicPolicy', {
        PolicyDocument: {
          Statement: [Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })],
        },
      });
    });

    it('publishes the topic and key ARNs for the publisher and the subscriber', () => {
      events.hasResourceProperties('AWS::SSM::Parameter', { Name: '/cruddur-avatars/test/avatar-processed-topic-arn', Value: { Ref: topicId } });
      events.hasResourceProperties('AWS::SSM::Parameter', {
        Name: '/cruddur-avatars/test/avatar-processed-topic-key-arn',
        Value: { 'Fn::GetAtt': [keyId, 'Arn'] },
      });
    });
  });
});
