import { API_ROUTES, DATABASE_APP_USER, FUNCTION_ENV, routeKey } from '@cruddur/shared/contract';
import { ArnFormat, CfnOutput, Duration, FileSystem, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { ASSETS_PREFIX, AVATAR_PROCESSED_RETRY_ATTEMPTS, DATABASE_NAME, PROFILE_SIZING } from '../config';
import { POSTGRES_PORT } from '../constructs/profile-database';
import { AvatarFunction, type AvatarFunctionProps } from '../constructs/avatar-function';
import { DatabaseAccess } from '../constructs/database-access';
import { alarmAction } from '../constructs/alarm-action';
import { MonitoredDeadLetterQueue } from '../constructs/monitored-dead-letter-queue';
import { SchemaMigrations } from '../constructs/schema-migrations';
import { readSharedParameter } from '../constructs/shared-parameters';
import { PROFILE_HANDLERS, profileFunctionName, type ProfileHandler } from '../names';
import { suppress, wildcardResourceFinding } from '../nag';
import { removalPolicyOf, type FunctionStackProps } from './avatars-stack-props';

/** Where Node.js finds the RDS certificate authorities on Lambda (not loaded by default since Node 20). */
const LAMBDA_CA_BUNDLE = '/var/runtime/ca-cert.pem';

const DESCRIPTIONS: Readonly<Record<ProfileHandler, string>> = {
  getProfile: `${routeKey(API_ROUTES.getProfile)}: a public profile`,
  getOwnProfile: `${routeKey(API_ROUTES.getOwnProfile)}: the caller's own profile`,
  updateProfile: `${routeKey(API_ROUTES.updateProfile)}: the caller's display name and bio`,
  getUploadStatus: `${routeKey(API_ROUTES.getAvatarUploadStatus)}: where one of the caller's uploads stands`,
  removeAvatar: `${routeKey(API_ROUTES.removeAvatar)}: removes the caller's avatar and deletes its renditions`,
  renditionsDeleted: 'Invalidates deleted avatar renditions on the CDN (the assets bucket\'s Object Deleted events)',
  avatarProcessed: 'Records the newest avatar and every upload outcome from the "avatar processed" topic',
  migrate: 'Applies pending database migrations during deploy (custom resource)',
};

/**
 * The profile backend: one bundle, one function per handler (each with its own name, role, log
 * group, sizing), all in the database VPC, plus the subscription to the thumbnail's "avatar
 * processed" topic and the migrations that run on deploy. It reads everything it needs from SSM.
 */
export class ProfileStack extends Stack {
  public readonly functions: Readonly<Record<ProfileHandler, AvatarFunction>>;
  public readonly deadLetterQueue: MonitoredDeadLetterQueue;
  /** Where deleted-rendition events land when their invalidation keeps failing. */
  public readonly renditionsDeletedDeadLetterQueue: MonitoredDeadLetterQueue;
  public readonly migrations: SchemaMigrations;

  constructor(scope: Construct, id: string, props: FunctionStackProps) {
    const { config } = props;
    super(scope, id, {
      ...props,
      description: `cruddur avatars (${config.stage}): profile API functions, avatar-processed subscriber, migrations`,
    });
    const removalPolicy = removalPolicyOf(config);
    const alarms = alarmAction(this, config);
    const database = new DatabaseAccess(this, 'Database', { stage: config.stage });

    this.deadLetterQueue = new MonitoredDeadLetterQueue(this, 'AvatarProcessedDeadLetterQueue', {
      queueName: `${profileFunctionName(config.stage, 'avatarProcessed')}-dlq`,
      alarmAction: alarms,
      removalPolicy,
    });

    this.renditionsDeletedDeadLetterQueue = new MonitoredDeadLetterQueue(this, 'RenditionsDeletedDeadLetterQueue', {
      queueName: `${profileFunctionName(config.stage, 'renditionsDeleted')}-dlq`,
      alarmAction: alarms,
      removalPolicy,
    });

    const ENV = FUNCTION_ENV.profile;
    // The route and subscriber functions sign in as the application role with IAM authentication;
    // only migrate (which creates that role) reads the master credentials.
    const appDatabase = {
      [ENV.databaseHost]: database.endpointAddress,
      [ENV.databasePort]: String(POSTGRES_PORT),
      [ENV.databaseName]: DATABASE_NAME,
      [ENV.databaseUser]: DATABASE_APP_USER,
    };
    const environment = {
      NODE_EXTRA_CA_CERTS: LAMBDA_CA_BUNDLE,
      [FUNCTION_ENV.profile.assetsBaseUrl]: readSharedParameter(this, config.stage, 'assetsBaseUrl'),
      [FUNCTION_ENV.profile.allowedOrigins]: config.webOrigins.join(','),
      // The presign function's URL lifetime: an undecided upload is pending until it (and a window) passed.
      [FUNCTION_ENV.profile.uploadUrlExpiresSeconds]: String(config.uploadUrlExpiresSeconds),
    };
    const assetsBucketName = readSharedParameter(this, config.stage, 'assetsBucketName');
    const distributionId = readSharedParameter(this, config.stage, 'distributionId');
    // The functions that delete renditions also join the group that may reach S3 (the database stack's).
    const withS3 = { ...database.network, additionalSecurityGroupIds: [readSharedParameter(this, config.stage, 's3ClientsSecurityGroupId')] };

    const profileFunction = (handler: ProfileHandler, extra: Partial<AvatarFunctionProps> = {}) =>
      new AvatarFunction(this, handler.charAt(0).toUpperCase() + handler.slice(1), {
        functionName: profileFunctionName(config.stage, handler),
        description: DESCRIPTIONS[handler],
        assetDir: props.assetDir,
        handler: `index.${handler}`,
        serviceName: 'profile',
        stage: config.stage,
        logLevel: config.logLevel,
        sizing: PROFILE_SIZING[handler],
        logRetention: config.logRetention,
        removalPolicy,
        network: database.network,
        alarmAction: alarms,
        environment: { ...environment, ...appDatabase },
        ...extra,
      });
    this.functions = {
      getProfile: profileFunction('getProfile'),
      getOwnProfile: profileFunction('getOwnProfile'),
      updateProfile: profileFunction('updateProfile'),
      getUploadStatus: profileFunction('getUploadStatus'),
      removeAvatar: profileFunction('removeAvatar', { network: withS3, environment: { ...environment, ...appDatabase, [ENV.assetsBucket]: assetsBucketName } }),
      // Function errors (a database outage) are retried, then kept in the queue like failed deliveries.
      avatarProcessed: profileFunction('avatarProcessed', {
        retryAttempts: AVATAR_PROCESSED_RETRY_ATTEMPTS,
        onFailure: new destinations.SqsDestination(this.deadLetterQueue.queue),
        network: withS3,
        environment: { ...environment, ...appDatabase, [ENV.assetsBucket]: assetsBucketName },
      }),
      // Outside the VPC: the CloudFront API has no VPC endpoint and the VPC no route out. It never
      // connects to the database (the settings are there because the bundle reads them on load).
      renditionsDeleted: profileFunction('renditionsDeleted', {
        network: undefined,
        retryAttempts: AVATAR_PROCESSED_RETRY_ATTEMPTS,
        onFailure: new destinations.SqsDestination(this.renditionsDeletedDeadLetterQueue.queue),
        environment: { ...environment, ...appDatabase, [ENV.distributionId]: distributionId },
      }),
      migrate: profileFunction('migrate', { environment: { ...environment, [ENV.databaseSecretArn]: database.secretArn } }),
    };

    // IAM database authentication as the application role: rds-db:connect for that one user of this cluster.
    const connectAsApp = Stack.of(this).formatArn({
      service: 'rds-db',
      resource: 'dbuser',
      resourceName: `${database.clusterResourceId}/${DATABASE_APP_USER}`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    // Every function but migrate is the application: the routes and the subscriber (and the invalidator, which uses no database).
    const appHandlers = (Object.keys(PROFILE_HANDLERS) as ProfileHandler[]).filter((handler) => handler !== 'migrate');
    for (const handler of appHandlers.filter((name) => name !== 'renditionsDeleted')) {
      this.functions[handler].role.addToPrincipalPolicy(
        new iam.PolicyStatement({ sid: 'ConnectAsApplicationRole', actions: ['rds-db:connect'], resources: [connectAsApp] }),
      );
    }
    // Migrate signs in as the master user (it creates the application role); the secret uses the AWS-managed key, so no kms:Decrypt.
    this.functions.migrate.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ReadDatabaseCredentials',
        actions: ['secretsmanager:GetSecretValue'],
        resources: [database.secretArn],
      }),
    );

    const assetsBucket = s3.Bucket.fromBucketName(this, 'AssetsBucket', assetsBucketName);
    const renditions = assetsBucket.arnForObjects(`${ASSETS_PREFIX}*`);
    // The subscriber deletes superseded renditions, removeAvatar the removed ones: both list a user's prefix and delete there.
    for (const handler of ['avatarProcessed', 'removeAvatar'] as const) {
      const role = this.functions[handler].role;
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          sid: 'ListUserRenditions',
          actions: ['s3:ListBucket'],
          resources: [assetsBucket.bucketArn],
          conditions: { StringLike: { 's3:prefix': [`${ASSETS_PREFIX}*`] } },
        }),
      );
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({ sid: 'DeleteRenditions', actions: ['s3:DeleteObject'], resources: [renditions] }),
      );
      suppress(role, [
        {
          id: wildcardResourceFinding(this, renditions),
          reason:
            'Rendition keys are per user and per version; deletes are limited to the renditions prefix, and the code deletes only keys of the caller (or message) sub older than the recorded version or removal.',
        },
      ]);
    }

    // CreateInvalidation on this stage's distribution only (CloudFront ARNs have no region).
    const distributionArn = Stack.of(this).formatArn({ service: 'cloudfront', region: '', resource: 'distribution', resourceName: distributionId });
    this.functions.renditionsDeleted.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ sid: 'InvalidateDeletedRenditions', actions: ['cloudfront:CreateInvalidation'], resources: [distributionArn] }),
    );
    // S3 sends the assets bucket's events to EventBridge (the storage stack enables it); the rule lives
    // here, so neither the storage stack nor the bucket names this function. Only rendition keys match.
    new events.Rule(this, 'RenditionsDeletedRule', {
      description: 'Deleted avatar renditions of the assets bucket, to invalidate on the CDN',
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Deleted'],
        detail: { bucket: { name: [assetsBucketName] }, object: { key: [{ prefix: ASSETS_PREFIX }] } },
      },
      targets: [
        new targets.LambdaFunction(this.functions.renditionsDeleted.function, {
          retryAttempts: 8,
          maxEventAge: Duration.hours(24),
          deadLetterQueue: this.renditionsDeletedDeadLetterQueue.queue,
        }),
      ],
    });

    // The topic belongs to the shared events stack; the subscription lives here, so neither the
    // events nor the thumbnail stack changes for it. SNS decrypts its KMS-encrypted messages before invoking a Lambda
    // subscriber, so the key needs no grant for it. Messages SNS cannot deliver go to the DLQ.
    const avatarProcessedTopic = sns.Topic.fromTopicArn(
      this,
      'AvatarProcessedTopic',
      readSharedParameter(this, config.stage, 'avatarProcessedTopicArn'),
    );
    avatarProcessedTopic.addSubscription(
      new subscriptions.LambdaSubscription(this.functions.avatarProcessed.function, {
        deadLetterQueue: this.deadLetterQueue.queue,
      }),
    );

    // Schema before code: migrations run when the bundle changes, and the handlers are updated after them.
    this.migrations = new SchemaMigrations(this, 'SchemaMigrations', {
      migrateFunction: this.functions.migrate.function,
      bundleFingerprint: FileSystem.fingerprint(props.assetDir),
      logRetention: config.logRetention,
      removalPolicy,
    });
    for (const handler of appHandlers) {
      this.functions[handler].function.node.addDependency(this.migrations.resource);
    }

    for (const handler of Object.keys(PROFILE_HANDLERS) as ProfileHandler[]) {
      new CfnOutput(this, `${handler}FunctionName`, { value: this.functions[handler].function.functionName });
    }
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: this.deadLetterQueue.queue.queueUrl });
    new CfnOutput(this, 'RenditionsDeletedDeadLetterQueueUrl', { value: this.renditionsDeletedDeadLetterQueue.queue.queueUrl });

    suppress(this.deadLetterQueue.queue, [
      {
        id: 'AwsSolutions-SQS3',
        reason: 'This queue is the dead-letter destination of the avatar-processed subscription and function.',
      },
    ]);
    suppress(this.renditionsDeletedDeadLetterQueue.queue, [
      {
        id: 'AwsSolutions-SQS3',
        reason: 'This queue is the dead-letter destination of the renditions-deleted rule and function.',
      },
    ]);
  }
}
