import type { SNSEvent, SNSEventRecord, SNSMessageAttributes } from 'aws-lambda';
import { randomBytes, randomUUID } from 'node:crypto';

export interface SnsPublication {
  topicArn: string;
  region: string;
  message: string;
  /** String attributes, e.g. `{ type: 'avatar.processed' }`. */
  attributes?: Readonly<Record<string, string>>;
  subject?: string;
  /** Default: random bytes, base64 (nothing local can be verified against SNS's certificate). */
  signature?: string;
}

/**
 * The record SNS delivers to a subscribed Lambda function for one published message.
 *
 * @example
 * const record = snsNotificationRecord({ topicArn, region: 'us-east-1', message: '{"type":"avatar.processed"}' });
 */
function snsNotificationRecord(publication: SnsPublication): SNSEventRecord {
  const attributes: SNSMessageAttributes = {};
  for (const [name, value] of Object.entries(publication.attributes ?? {})) attributes[name] = { Type: 'String', Value: value };
  const host = `sns.${publication.region}.amazonaws.com`;
  return {
    EventVersion: '1.0',
    EventSubscriptionArn: `${publication.topicArn}:${randomUUID()}`,
    EventSource: 'aws:sns',
    Sns: {
      SignatureVersion: '1',
      Timestamp: new Date().toISOString(),
      Signature: publication.signature ?? randomBytes(256).toString('base64'),
      SigningCertUrl: `https://${host}/SimpleNotificationService-local.pem`,
      MessageId: randomUUID(),
      Message: publication.message,
      MessageAttributes: attributes,
      Type: 'Notification',
      UnsubscribeUrl: `https://${host}/?Action=Unsubscribe&SubscriptionArn=${publication.topicArn}`,
      TopicArn: publication.topicArn,
      ...(publication.subject === undefined ? {} : { Subject: publication.subject }),
    },
  };
}

/**
 * The event SNS delivers to a subscribed Lambda function for one published message.
 *
 * @example
 * const event = snsNotification({ topicArn, region, message: JSON.stringify(message), attributes: { type: message.type } });
 */
export function snsNotification(publication: SnsPublication): SNSEvent {
  return { Records: [snsNotificationRecord(publication)] };
}

/**
 * An SNS notification record for a test: the message JSON-encoded unless it is a string.
 *
 * @example
 * const record = snsEventRecord({ type: 'avatar.processed', sub: 'u1' });
 */
function snsEventRecord(message: unknown, topicArn = 'arn:aws:sns:us-east-1:123456789012:avatar-processed'): SNSEventRecord {
  return snsNotificationRecord({
    topicArn,
    region: topicArn.split(':')[3] ?? 'us-east-1',
    message: typeof message === 'string' ? message : JSON.stringify(message),
    subject: '',
    signature: 'EXAMPLE',
  });
}

/**
 * An SNS event carrying the given messages, one record each.
 *
 * @example
 * const event = snsEvent([{ type: 'avatar.processed', sub: 'u1' }]);
 */
export function snsEvent(messages: unknown[], topicArn?: string): SNSEvent {
  return { Records: messages.map((m) => snsEventRecord(m, topicArn)) };
}
