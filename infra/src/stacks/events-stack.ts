import { CfnOutput, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { EncryptedTopic } from '../constructs/encrypted-topic';
import { publishSharedParameter } from '../constructs/shared-parameters';
import { suppress } from '../nag';
import { PROJECT_NAME } from '../names';
import { removalPolicyOf, type AvatarsStackProps } from './avatars-stack-props';

/** Name of a stage's "avatar processed" topic. */
function avatarProcessedTopicName(stage: string): string {
  return `${PROJECT_NAME}-${stage}-avatar-processed`;
}

/**
 * Shared event plumbing: the "avatar processed" topic the thumbnail function publishes to and the
 * profile stack subscribes to, and (unless one is given) the alarm topic every stack's alarms
 * notify. They live apart from their users, retained, so recreating or destroying a function
 * stack never deletes a topic (SNS would silently drop every subscription with it).
 */
export class EventsStack extends Stack {
  public readonly avatarProcessed: EncryptedTopic;
  /** Absent when the stage was given an existing topic (alarmTopicArn). */
  public readonly alarms?: EncryptedTopic;

  constructor(scope: Construct, id: string, props: AvatarsStackProps) {
    const { config } = props;
    super(scope, id, {
      ...props,
      description: `cruddur avatars (${config.stage}): shared event plumbing (avatar-processed and alarm topics)`,
    });

    this.avatarProcessed = new EncryptedTopic(this, 'AvatarProcessed', {
      topicName: avatarProcessedTopicName(config.stage),
      description: 'Avatar processed',
      removalPolicy: removalPolicyOf(config),
    });

    publishSharedParameter(this, config.stage, 'avatarProcessedTopicArn', this.avatarProcessed.topic.topicArn);
    publishSharedParameter(this, config.stage, 'avatarProcessedTopicKeyArn', this.avatarProcessed.key.keyArn);
    new CfnOutput(this, 'AvatarProcessedTopicArn', { value: this.avatarProcessed.topic.topicArn });

    if (!config.alarmTopicArn) {
      this.alarms = new EncryptedTopic(this, 'Alarms', {
        topicName: `${PROJECT_NAME}-${config.stage}-alarms`,
        description: `cruddur avatars ${config.stage} alarms`,
        removalPolicy: removalPolicyOf(config),
      });
      // CloudWatch publishes alarm notifications as itself: it needs the topic key.
      this.alarms.key.grant(new iam.ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
      this.alarms.topic.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'CloudWatchAlarmsOfThisAccount',
          principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
          actions: ['sns:Publish'],
          resources: [this.alarms.topic.topicArn],
          conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
        }),
      );
      if (config.alarmEmail) {
        const subscription = this.alarms.topic.addSubscription(new subscriptions.EmailSubscription(config.alarmEmail));
        suppress(subscription, [
          {
            id: 'Serverless-SNSRedrivePolicy',
            reason: 'An alarm e-mail SNS cannot deliver would land in a queue nobody reads; the alarm stays visible in CloudWatch and re-notifies on its next state change.',
          },
        ]);
      }
      publishSharedParameter(this, config.stage, 'alarmTopicArn', this.alarms.topic.topicArn);
      new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn });
    }
  }
}
