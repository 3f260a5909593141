import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { AvatarProcessedPublisher, AvatarUploadOutcomeMessage } from './avatar-processed';

/**
 * Publishes upload outcomes ("avatar processed", "avatar rejected") to an SNS topic, with the message type as an attribute so
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
          Message: JSON.stringify(message satisfies AvatarUploadOutcomeMessage),
          MessageAttributes: { type: { DataType: 'String', StringValue: message.type } },
        }),
      );
    },
  };
}
