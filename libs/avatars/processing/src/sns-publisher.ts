import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { AvatarProcessedMessage, AvatarProcessedPublisher } from './avatar-processed';

/**
 * Publishes "avatar processed" messages to an SNS topic, with the message type as an attribute so
 * subscriptions can filter on it.
 *
 * @example
 * const publisher = snsAvatarProcessedPublisher(new SNSClient({}), process.env.AVATAR_PROCESSED_TOPIC_ARN!);
 */
export function snsAvatarProcessedPublisher(sns: SNSClient, topicArn: string): AvatarProcessedPublisher {
  return {
    async publish(message) {
      await sns.send(
        new PublishCommand({
          TopicArn: topicArn,
          Message: JSON.stringify(message satisfies AvatarProcessedMessage),
          MessageAttributes: { type: { DataType: 'String', StringValue: message.type } },
        }),
      );
    },
  };
}
