import { FUNCTION_ENV } from '@cruddur/shared/contract';
import { CfnOutput, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import type { Construct } from 'constructs';
import { ASSETS_PREFIX, FUNCTION_SIZING, THUMBNAIL_RETRY_ATTEMPTS, UPLOADS_PREFIX } from '../config';
import { AvatarFunction } from '../constructs/avatar-function';
import { alarmAction } from '../constructs/alarm-action';
import { MonitoredDeadLetterQueue } from '../constructs/monitored-dead-letter-queue';
import { readSharedParameter } from '../constructs/shared-parameters';
import { functionName } from '../names';
import { suppress, wildcardResourceFinding } from '../nag';
import { removalPolicyOf, type FunctionStackProps } from './avatars-stack-props';

const ENV = FUNCTION_ENV.thumbnail;

/**
 * The thumbnail function with everything only it uses: the S3 trigger on the uploads prefix and
 * its dead-letter queue. It publishes to the events stack's topic, read from SSM.
 */
export class ThumbnailStack extends Stack {
  public readonly thumbnail: AvatarFunction;
  public readonly deadLetterQueue: MonitoredDeadLetterQueue;

  constructor(scope: Construct, id: string, props: FunctionStackProps) {
    const { config } = props;
    super(scope, id, {
      ...props,
      description: `cruddur avatars (${config.stage}): thumbnail renditions and their DLQ`,
    });
    const removalPolicy = removalPolicyOf(config);
    const alarms = alarmAction(this, config);
    const name = functionName(config.stage, 'thumbnail');

    const uploadsBucket = s3.Bucket.fromBucketName(
      this,
      'UploadsBucket',
      readSharedParameter(this, config.stage, 'uploadsBucketName'),
    );
    const assetsBucket = s3.Bucket.fromBucketName(
      this,
      'AssetsBucket',
      readSharedParameter(this, config.stage, 'assetsBucketName'),
    );

    const avatarProcessedTopicArn = readSharedParameter(this, config.stage, 'avatarProcessedTopicArn');
    const avatarProcessedKeyArn = readSharedParameter(this, config.stage, 'avatarProcessedTopicKeyArn');
    this.deadLetterQueue = new MonitoredDeadLetterQueue(this, 'DeadLetterQueue', {
      queueName: `${name}-dlq`,
      alarmAction: alarms,
      removalPolicy,
    });

    this.thumbnail = new AvatarFunction(this, 'Thumbnail', {
      functionName: name,
      description: 'Resizes an uploaded avatar into its renditions',
      assetDir: props.assetDir,
      serviceName: 'thumbnail',
      stage: config.stage,
      logLevel: config.logLevel,
      sizing: FUNCTION_SIZING.thumbnail,
      logRetention: config.logRetention,
      removalPolicy,
      reservedConcurrentExecutions: config.thumbnailReservedConcurrency,
      alarmAction: alarms,
      alarmOnDurationNearTimeout: true,
      retryAttempts: THUMBNAIL_RETRY_ATTEMPTS,
      onFailure: new destinations.SqsDestination(this.deadLetterQueue.queue),
      environment: {
        [ENV.assetsBucket]: assetsBucket.bucketName,
        [ENV.avatarProcessedTopicArn]: avatarProcessedTopicArn,
        [ENV.uploadMaxBytes]: String(config.uploadMaxBytes),
      },
    });

    const originals = uploadsBucket.arnForObjects(`${UPLOADS_PREFIX}*`);
    const renditions = assetsBucket.arnForObjects(`${ASSETS_PREFIX}*`);
    this.thumbnail.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ sid: 'ReadUploadedOriginals', actions: ['s3:GetObject'], resources: [originals] }),
    );
    // Originals carry GPS and camera metadata: the function deletes each once its renditions are announced.
    this.thumbnail.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ sid: 'DeleteProcessedOriginals', actions: ['s3:DeleteObject'], resources: [originals] }),
    );
    this.thumbnail.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ sid: 'WriteRenditions', actions: ['s3:PutObject'], resources: [renditions] }),
    );
    // Without ListBucket S3 answers 403 for a missing key, and a deleted upload would be retried as
    // a failure instead of being rejected; a prefix condition can't apply (no s3:prefix on a GET).
    this.thumbnail.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ sid: 'TellMissingUploads', actions: ['s3:ListBucket'], resources: [uploadsBucket.bucketArn] }),
    );
    this.thumbnail.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ sid: 'PublishAvatarProcessed', actions: ['sns:Publish'], resources: [avatarProcessedTopicArn] }),
    );
    // The topic is KMS-encrypted: SNS encrypts each message with a data key made as the publisher.
    this.thumbnail.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'EncryptAvatarProcessed',
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: [avatarProcessedKeyArn],
      }),
    );

    // The uploads bucket belongs to the storage stack. An imported bucket gets CDK's
    // Custom::S3BucketNotifications (Managed: false): it merges this one Lambda configuration into
    // the bucket's notifications from here, so neither stack references the other and each deploys
    // alone. (EventBridge would change the event shape the handler reads.)
    uploadsBucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(this.thumbnail.function), {
      prefix: UPLOADS_PREFIX,
    });

    new CfnOutput(this, 'DeadLetterQueueUrl', { value: this.deadLetterQueue.queue.queueUrl });

    suppress(this.thumbnail.role, [
      {
        id: wildcardResourceFinding(this, originals),
        reason: 'Original keys are per user and per upload; reads and deletes are limited to the uploads prefix.',
      },
      {
        id: wildcardResourceFinding(this, renditions),
        reason: 'Rendition keys are per user and per version; writes are limited to the renditions prefix.',
      },
      {
        id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
        reason: 'kms:GenerateDataKey* is what SNS needs to publish to the encrypted topic; it is scoped to that one key.',
      },
    ]);
    const notificationsHandler = this.node.children.find((c) => c.node.id.startsWith('BucketNotificationsHandler'));
    if (notificationsHandler) {
      suppress(notificationsHandler, [
        {
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason:
            "CDK's bucket-notifications handler (a deploy-time custom resource) hard-codes this managed policy; its own grant is s3:Get/PutBucketNotification on the uploads bucket only.",
        },
      ]);
    }
    suppress(this.deadLetterQueue.queue, [
      { id: 'AwsSolutions-SQS3', reason: 'This queue is the dead-letter destination of the thumbnail function.' },
    ]);
  }
}
