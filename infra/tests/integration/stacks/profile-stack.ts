import { UPLOAD_URL_EXPIRES_SECONDS } from '@cruddur/shared/contract';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { PROFILE_HANDLERS, type ProfileHandler } from '../../../src/names';
import { buildTestApp, TEST_CONTEXT } from '../../helpers/avatars-app';
import { actionsOf, flattenJoin, roleStatements, ssmParameterRef, type PolicyStatementJson } from '../../helpers/template-queries';

const ALARM_TOPIC = 'arn:aws:sns:eu-west-1:123456789012:ops-alarms';
const HANDLERS = Object.keys(PROFILE_HANDLERS) as ProfileHandler[];
const logicalPrefix = (handler: ProfileHandler) => handler.charAt(0).toUpperCase() + handler.slice(1);
// The CDN invalidator runs outside the VPC (no route to CloudFront's API there) and uses no database.
const VPC_HANDLERS = HANDLERS.filter((h) => h !== 'renditionsDeleted');
// The functions that delete renditions in the assets bucket.
const DELETERS: readonly ProfileHandler[] = ['avatarProcessed', 'removeAvatar'];

describe('ProfileStack', () => {
  const { stacks } = buildTestApp({ context: { alarmTopicArn: ALARM_TOPIC } });
  const template = Template.fromStack(stacks.profile);
  const json = template.toJSON() as { Resources: Record<string, { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] }> };
  const ref = (name: string) => ssmParameterRef(template, `/cruddur-avatars/test/${name}`);
  const secretParam = ref('database/secret-arn');
  const subnetsParam = ref('database/subnet-ids').slice(2, -1);
  const clientsSgParam = ref('database/clients-security-group-id').slice(2, -1);
  const topicParam = ref('avatar-processed-topic-arn').slice(2, -1);
  const functionId = (handler: ProfileHandler) => {
    const id = Object.keys(template.findResources('AWS::Lambda::Function')).find((k) => k.startsWith(`${logicalPrefix(handler)}Function`));
    if (!id) throw new Error(`no function for ${handler}`);
    return id;
  };
  const [queueId] = Object.keys(template.findResources('AWS::SQS::Queue'));

  it('runs one function per handler from the same bundle, on nodejs22.x arm64, under stable names', () => {
    const codes = new Set<string>();
    for (const handler of HANDLERS) {
      const fn = json.Resources[functionId(handler)]!.Properties;
      expect(fn).toMatchObject({
        FunctionName: `cruddur-avatars-test-${PROFILE_HANDLERS[handler]}`,
        Handler: `index.${handler}`,
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
      });
      codes.add(JSON.stringify(fn['Code']));
    }
    expect(codes.size).toBe(1);
    // The route, subscriber and migrate functions, plus the provider framework's.
    template.resourceCountIs('AWS::Lambda::Function', HANDLERS.length + 1);
  });

  it('gives the routes 15 s (a paused database resumes in about 15 s), the subscriber 30 s, migrations 5 min', () => {
    const timeouts = Object.fromEntries(HANDLERS.map((h) => [h, json.Resources[functionId(h)]!.Properties['Timeout']]));
    expect(timeouts).toEqual({ getProfile: 15, getOwnProfile: 15, updateProfile: 15, getUploadStatus: 15, removeAvatar: 15, avatarProcessed: 30, renditionsDeleted: 15, migrate: 300 });
  });

  const s3ClientsSgParam = ref('database/s3-clients-security-group-id').slice(2, -1);

  it.each(VPC_HANDLERS)('%s runs in the database subnets, in the database clients security group', (handler) => {
    expect(json.Resources[functionId(handler)]!.Properties['VpcConfig']).toEqual({
      SubnetIds: [0, 1].map((i) => ({ 'Fn::Select': [i, { 'Fn::Split': [',', { Ref: subnetsParam }] }] })),
      // Only the subscriber and removeAvatar (they delete renditions) also join the database stack's S3 clients group.
      SecurityGroupIds: [{ Ref: clientsSgParam }, ...(DELETERS.includes(handler) ? [{ Ref: s3ClientsSgParam }] : [])],
    });
  });

  it('runs the CDN invalidator outside any VPC', () => {
    expect(json.Resources[functionId('renditionsDeleted')]!.Properties['VpcConfig']).toBeUndefined();
  });

  it('lets the subscriber and removeAvatar list the renditions prefix and delete renditions, nothing else of S3; the others no S3 at all', () => {
    const assetsBucket = ref('assets-bucket-name');
    for (const handler of HANDLERS) {
      const s3Statements = roleStatements(template, `${logicalPrefix(handler)}Role`).filter((st) => actionsOf(st).some((a) => a.startsWith('s3:')));
      if (!DELETERS.includes(handler)) {
        expect(s3Statements).toEqual([]);
        continue;
      }
      expect(s3Statements.map((st) => ({ sid: st.Sid, actions: actionsOf(st), resource: flattenJoin(st.Resource), condition: st.Condition }))).toEqual([
        { sid: 'ListUserRenditions', actions: ['s3:ListBucket'], resource: `arn:aws:s3:::${assetsBucket}`, condition: { StringLike: { 's3:prefix': ['avatars/*'] } } },
        { sid: 'DeleteRenditions', actions: ['s3:DeleteObject'], resource: `arn:aws:s3:::${assetsBucket}/avatars/*`, condition: undefined },
      ]);
    }
    for (const handler of DELETERS) {
      expect(json.Resources[functionId(handler)]!.Properties['Environment']).toMatchObject({
        Variables: { ASSETS_BUCKET: { Ref: assetsBucket.slice(2, -1) } },
      });
    }
  });

  describe('deleted renditions are invalidated on the CDN', () => {
    const distributionParam = ref('distribution-id').slice(2, -1);
    const [dlqId] = Object.keys(template.findResources('AWS::SQS::Queue', { Properties: { QueueName: 'cruddur-avatars-test-profile-renditions-deleted-dlq' } }));

    it("sends the assets bucket's Object Deleted events under the renditions prefix to the invalidator, retried, then parked", () => {
      template.hasResourceProperties('AWS::Events::Rule', {
        EventPattern: {
          source: ['aws.s3'],
          'detail-type': ['Object Deleted'],
          detail: { bucket: { name: [{ Ref: ref('assets-bucket-name').slice(2, -1) }] }, object: { key: [{ prefix: 'avatars/' }] } },
        },
        Targets: [
          Match.objectLike({
            Arn: { 'Fn::GetAtt': [functionId('renditionsDeleted'), 'Arn'] },
            RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 86400 },
            DeadLetterConfig: { Arn: { 'Fn::GetAtt': [dlqId, 'Arn'] } },
          }),
        ],
      });
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: functionId('renditionsDeleted') },
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [dlqId, 'Arn'] } } },
      });
    });

    it('may CreateInvalidation on this stage\'s distribution only, which it knows from SSM', () => {
      const cloudFront = roleStatements(template, 'RenditionsDeletedRole').filter((st) => actionsOf(st).some((a) => a.startsWith('cloudfront:')));
      expect(cloudFront.map((st) => ({ sid: st.Sid, actions: actionsOf(st), resource: flattenJoin(st.Resource) }))).toEqual([
        { sid: 'InvalidateDeletedRenditions', actions: ['cloudfront:CreateInvalidation'], resource: `arn:aws:cloudfront::123456789012:distribution/\${${distributionParam}}` },
      ]);
      for (const handler of HANDLERS.filter((h) => h !== 'renditionsDeleted')) {
        expect(roleStatements(template, `${logicalPrefix(handler)}Role`).flatMap(actionsOf).filter((a) => a.startsWith('cloudfront:'))).toEqual([]);
      }
    });
  });

  const APP_HANDLERS = VPC_HANDLERS.filter((h) => h !== 'migrate');

  it.each(HANDLERS)('%s finds the database (migrate: the master secret; the others: IAM authentication as the app role) and verifies the RDS certificate', (handler) => {
    const database =
      handler === 'migrate'
        ? { DATABASE_SECRET_ARN: { Ref: secretParam.slice(2, -1) } }
        : {
            DATABASE_HOST: { Ref: ref('database/endpoint-address').slice(2, -1) },
            DATABASE_PORT: '5432',
            DATABASE_NAME: 'cruddur',
            DATABASE_USER: 'cruddur_app',
          };
    expect(json.Resources[functionId(handler)]!.Properties['Environment']).toEqual({
      Variables: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'profile',
        CRUDDUR_STAGE: 'test',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        ...database,
        NODE_EXTRA_CA_CERTS: '/var/runtime/ca-cert.pem',
        ASSETS_BASE_URL: { Ref: ref('assets-base-url').slice(2, -1) },
        ALLOWED_ORIGINS: TEST_CONTEXT.webOrigins,
        // The presign URL lifetime of the same deploy: how long an upload's status stays pending.
        UPLOAD_URL_EXPIRES_SECONDS: String(UPLOAD_URL_EXPIRES_SECONDS),
        ...(DELETERS.includes(handler) ? { ASSETS_BUCKET: { Ref: ref('assets-bucket-name').slice(2, -1) } } : {}),
        ...(handler === 'renditionsDeleted' ? { CLOUDFRONT_DISTRIBUTION_ID: { Ref: ref('distribution-id').slice(2, -1) } } : {}),
      },
    });
  });

  it('gives the CDN invalidator no database access', () => {
    expect(roleStatements(template, 'RenditionsDeletedRole').flatMap(actionsOf).filter((a) => a.startsWith('rds'))).toEqual([]);
  });

  it.each(APP_HANDLERS)('%s may rds-db:connect as the application role of this cluster only', (handler) => {
    const connect = roleStatements(template, `${logicalPrefix(handler)}Role`).filter((st) => actionsOf(st).some((a) => a.startsWith('rds')));
    expect(connect.map((st) => ({ sid: st.Sid, actions: actionsOf(st), resource: flattenJoin(st.Resource) }))).toEqual([
      {
        sid: 'ConnectAsApplicationRole',
        actions: ['rds-db:connect'],
        resource: `arn:aws:rds-db:eu-west-1:123456789012:dbuser:${ref('database/cluster-resource-id')}/cruddur_app`,
      },
    ]);
  });

  describe.each(HANDLERS)('%s role', (handler) => {
    const statements = () => roleStatements(template, `${logicalPrefix(handler)}Role`);
    const bySid = (sid: string) => statements().filter((s) => s.Sid === sid);

    it('migrate alone may read the master secret (GetSecretValue on its ARN); no role gets anything else of Secrets Manager or KMS', () => {
      const secretStatements = statements().filter((s) => actionsOf(s).some((a) => /^(secretsmanager|kms):/.test(a)));
      expect(secretStatements).toEqual(
        handler === 'migrate'
          ? [{ Sid: 'ReadDatabaseCredentials', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: { Ref: secretParam.slice(2, -1) } }]
          : [],
      );
    });

    const inVpc = handler !== 'renditionsDeleted';

    it('uses Resource "*" only for the two EC2 Describe calls Lambda needs in a VPC and the two X-Ray tracing calls', () => {
      const star = statements().filter((s) => JSON.stringify(s.Resource) === '"*"' || (Array.isArray(s.Resource) && s.Resource.includes('*')));
      expect(star.map(actionsOf).sort()).toEqual([
        ...(inVpc ? [['ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets']] : []),
        ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
      ]);
    });

    (inVpc ? it : it.skip)('may create network interfaces only in its own subnets and security group', () => {
      const [create] = bySid('CreateNetworkInterfacesInOwnSubnets');
      expect(actionsOf(create!)).toEqual(['ec2:CreateNetworkInterface']);
      expect((create!.Resource as unknown[]).map(flattenJoin)).toEqual([
        'arn:aws:ec2:eu-west-1:123456789012:network-interface/*',
        `arn:aws:ec2:eu-west-1:123456789012:security-group/\${${clientsSgParam}}`,
        ...(DELETERS.includes(handler) ? [`arn:aws:ec2:eu-west-1:123456789012:security-group/\${${s3ClientsSgParam}}`] : []),
        ...[0, 1].map((i) =>
          expect.stringMatching(new RegExp(`^arn:aws:ec2:eu-west-1:123456789012:subnet/.*"Fn::Select":\\[${i},`)),
        ),
      ]);
    });

    it('has no other grants than logs, tracing, network interfaces, the database (secret or rds-db:connect) (and the deleters rendition cleanup, the async ones their DLQ, the invalidator CloudFront)', () => {
      const actions = statements().flatMap(actionsOf).sort();
      const dlq = ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'];
      const expected = [
        ...(inVpc
          ? [
              'ec2:AssignPrivateIpAddresses',
              'ec2:CreateNetworkInterface',
              'ec2:DeleteNetworkInterface',
              'ec2:DescribeNetworkInterfaces',
              'ec2:DescribeSubnets',
              'ec2:UnassignPrivateIpAddresses',
              handler === 'migrate' ? 'secretsmanager:GetSecretValue' : 'rds-db:connect',
            ]
          : ['cloudfront:CreateInvalidation', ...dlq]),
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        'xray:PutTelemetryRecords',
        'xray:PutTraceSegments',
        ...(DELETERS.includes(handler) ? ['s3:DeleteObject', 's3:ListBucket'] : []),
        ...(handler === 'avatarProcessed' ? dlq : []),
      ].sort();
      expect(actions).toEqual(expected);
    });
  });

  it('attaches no managed policy to any role of the stack', () => {
    for (const role of Object.values(template.findResources('AWS::IAM::Role'))) {
      expect(role['Properties'].ManagedPolicyArns).toBeUndefined();
    }
  });

  describe('avatar processed', () => {
    const subscriberArn = { 'Fn::GetAtt': [functionId('avatarProcessed'), 'Arn'] };

    it('subscribes the subscriber to the thumbnail stack topic, read from SSM, with a dead-letter queue', () => {
      template.resourceCountIs('AWS::SNS::Subscription', 1);
      template.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'lambda',
        TopicArn: { Ref: topicParam },
        Endpoint: subscriberArn,
        RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [queueId, 'Arn'] } },
      });
      template.hasResourceProperties('AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        Principal: 'sns.amazonaws.com',
        SourceArn: { Ref: topicParam },
        FunctionName: subscriberArn,
      });
      template.resourceCountIs('AWS::SNS::Topic', 0);
    });

    it('lets only that topic put undeliverable messages in the queue, and sends failed invocations there after 2 retries', () => {
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        PolicyDocument: {
          Statement: [
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            Match.objectLike({
              Effect: 'Allow',
              Principal: { Service: 'sns.amazonaws.com' },
              Action: 'sqs:SendMessage',
              Condition: { ArnEquals: { 'aws:SourceArn': { Ref: topicParam } } },
            }),
          ],
        },
      });
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: functionId('avatarProcessed') },
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
      });
    });

    it('keeps the dead-letter queue encrypted and alarms as soon as it holds a message', () => {
      template.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: 'cruddur-avatars-test-profile-avatar-processed-dlq',
        SqsManagedSseEnabled: true,
      });
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        AlarmActions: [ALARM_TOPIC],
      });
    });
  });

  describe('migrations on deploy', () => {
    const [migrationsId] = Object.keys(template.findResources('Custom::SchemaMigrations'));
    const [providerId] = Object.keys(template.findResources('AWS::Lambda::Function')).filter((k) => k.startsWith('SchemaMigrationsProvider'));

    it('is a custom resource run by the provider framework, which invokes the migrate function', () => {
      template.hasResourceProperties('Custom::SchemaMigrations', {
        ServiceToken: { 'Fn::GetAtt': [providerId, 'Arn'] },
        BundleFingerprint: Match.stringLikeRegexp('^[0-9a-f]{64}$'),
      });
      expect(json.Resources[providerId!]!.Properties['Environment']).toEqual({
        Variables: { USER_ON_EVENT_FUNCTION_ARN: { 'Fn::GetAtt': [functionId('migrate'), 'Arn'] } },
      });
      const invoke = roleStatements(template, 'SchemaMigrationsProviderRole').filter((s: PolicyStatementJson) =>
        actionsOf(s).some((a) => a.startsWith('lambda:')),
      );
      expect(invoke.flatMap((s) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource])).map(flattenJoin)).toEqual([
        `\${${functionId('migrate')}.Arn}`,
        `\${${functionId('migrate')}.Arn}:*`,
        `\${${functionId('migrate')}.Arn}`,
      ]);
    });

    it.each(['getProfile', 'getOwnProfile', 'updateProfile', 'getUploadStatus', 'removeAvatar', 'avatarProcessed', 'renditionsDeleted'] as const)(
      'updates %s only after the migrations ran (schema before code)',
      (handler) => {
        expect(json.Resources[functionId(handler)]!.DependsOn).toContain(migrationsId);
      },
    );
  });

  it('reads everything from SSM parameters: it deploys without any other stack in the same deployment', () => {
    const parameters = Object.values(template.toJSON()['Parameters'] as Record<string, { Type: string; Default: string }>);
    expect(parameters.every((p) => p.Type === 'AWS::SSM::Parameter::Value<String>')).toBe(true);
    expect(parameters.map((p) => p.Default).sort()).toEqual([
      '/cdk-bootstrap/hnb659fds/version',
      '/cruddur-avatars/test/assets-base-url',
      '/cruddur-avatars/test/assets-bucket-name',
      '/cruddur-avatars/test/avatar-processed-topic-arn',
      '/cruddur-avatars/test/database/clients-security-group-id',
      '/cruddur-avatars/test/database/cluster-resource-id',
      '/cruddur-avatars/test/database/endpoint-address',
      '/cruddur-avatars/test/database/s3-clients-security-group-id',
      '/cruddur-avatars/test/database/secret-arn',
      '/cruddur-avatars/test/database/subnet-ids',
      '/cruddur-avatars/test/distribution-id',
    ]);
    for (const output of Object.values(template.findOutputs('*'))) expect(output['Export']).toBeUndefined();
  });
});
