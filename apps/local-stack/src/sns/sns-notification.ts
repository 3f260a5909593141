import { randomBytes, randomUUID } from 'node:crypto';
import type { SNSEvent, SNSMessageAttributes } from 'aws-lambda';

export interface SnsPublication {
  topicArn: string;
  region: string;
  message: string;
  /** String attributes, e.g. `{ type: 'avatar.processed' }`. */
  attributes?: Readonly<Record<string, string>>;
  subject?: string;
}

/**
 * The event SNS delivers to a subscribed Lambda function for one published message.
 *
 * @example
 * const event = snsNotification({ topicArn, region, message: JSON.stringify(message), attributes: { type: message.type } });
 */
export function snsNotification(publication: SnsPublication): SNSEvent {
  const attributes: SNSMessageAttributes = {};
  for (const [name, value] of Object.entries(publication.attributes ?? {})) attributes[name] = { Type: 'String', Value: value };
  const host = `sns.${publication.region}.amazonaws.com`;
  return {
    Records: [
      {
        EventVersion: '1.0',
        EventSubscriptionArn: `${publication.topicArn}:${randomUUID()}`,
        EventSource: 'aws:sns',
        Sns: {
          SignatureVersion: '1',
          Timestamp: new Date().toISOString(),
          // Not a real signature: nothing local can be verified against SNS's certificate.
          Signature: randomBytes(256).toString('base64'),
          SigningCertUrl: `https://${host}/SimpleNotificationService-local.pem`,
          MessageId: randomUUID(),
          Message: publication.message,
          MessageAttributes: attributes,
          Type: 'Notification',
          UnsubscribeUrl: `https://${host}/?Action=Unsubscribe&SubscriptionArn=${publication.topicArn}`,
          TopicArn: publication.topicArn,
          ...(publication.subject === undefined ? {} : { Subject: publication.subject }),
        },
      },
    ],
  };
}
