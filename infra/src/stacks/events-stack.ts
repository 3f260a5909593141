import { CfnOutput, Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { EncryptedTopic } from '../constructs/encrypted-topic';
import { publishSharedParameter } from '../constructs/shared-parameters';
import { PROJECT_NAME } from '../names';
import { removalPolicyOf, type AvatarsStackProps } from './avatars-stack-props';

/** Name of a stage's "avatar processed" topic. */
export function avatarProcessedTopicName(stage: string): string {
  return `${PROJECT_NAME}-${stage}-avatar-processed`;
}

/**
 * Shared event plumbing: the "avatar processed" topic the thumbnail function publishes to and the
 * profile stack subscribes to. It lives apart from both, retained, so recreating or destroying
 * either function stack never deletes the topic (SNS would silently drop every subscription).
 */
export class EventsStack extends Stack {
  public readonly avatarProcessed: EncryptedTopic;

  constructor(scope: Construct, id: string, props: AvatarsStackProps) {
    const { config } = props;
    super(scope, id, {
      ...props,
      description: `cruddur avatars (${config.stage}): shared event plumbing (avatar-processed topic)`,
    });

    this.avatarProcessed = new EncryptedTopic(this, 'AvatarProcessed', {
      topicName: avatarProcessedTopicName(config.stage),
      description: 'Avatar processed',
      removalPolicy: removalPolicyOf(config),
    });

    publishSharedParameter(this, config.stage, 'avatarProcessedTopicArn', this.avatarProcessed.topic.topicArn);
    publishSharedParameter(this, config.stage, 'avatarProcessedTopicKeyArn', this.avatarProcessed.key.keyArn);
    new CfnOutput(this, 'AvatarProcessedTopicArn', { value: this.avatarProcessed.topic.topicArn });
  }
}
