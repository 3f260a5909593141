import type { SNSEvent, SNSEventRecord } from 'aws-lambda';
import { randomUUID } from 'node:crypto';

/**
 * An SNS notification record as SNS delivers it to a Lambda subscriber.
 *
 * @example
 * const event = snsEvent([{ type: 'avatar.processed', sub: 'u1' }]);
 */
export function snsEventRecord(message: unknown, topicArn = 'arn:aws:sns:us-east-1:123456789012:avatar-processed'): SNSEventRecord {
  const messageId = randomUUID();
  return {
    EventVersion: '1.0',
    EventSubscriptionArn: `${topicArn}:${randomUUID()}`,
    EventSource: 'aws:sns',
    Sns: {
      SignatureVersion: '1',
      Timestamp: new Date().toISOString(),
      Signature: 'EXAMPLE',
      SigningCertUrl: 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem',
      MessageId: messageId,
      Message: typeof message === 'string' ? message : JSON.stringify(message),
      MessageAttributes: {},
      Type: 'Notification',
      UnsubscribeUrl: `https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${topicArn}`,
      TopicArn: topicArn,
      Subject: '',
    },
  };
}

/** An SNS event carrying the given messages, one record each. */
export function snsEvent(messages: unknown[], topicArn?: string): SNSEvent {
  return { Records: messages.map((m) => snsEventRecord(m, topicArn)) };
}
