import { parseCommand } from '../../src/cli';
import { MalformedRecordError, UsageError } from '../../src/errors';
import { parseDeadLetterBody } from '../../src/redrive';

// Literal records of each dead-letter queue the stacks create, as AWS writes them.

/** The thumbnail's asynchronous invocations: a Lambda on-failure destination record. */
const ON_FAILURE = JSON.stringify({
  version: '1.0',
  timestamp: '2026-12-08T12:00:00.000Z',
  requestContext: { requestId: 'r-1', functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:cruddur-avatars-prod-thumbnail:$LATEST', condition: 'RetriesExhausted', approximateInvokeCount: 3 },
  requestPayload: { Records: [{ eventSource: 'aws:s3', s3: { bucket: { name: 'uploads' }, object: { key: 'uploads/avatars/u/1767225600000-9f86d081884c7d65.jpg' } } }] },
  responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
  responsePayload: { errorType: 'Error', errorMessage: 'boom' },
});

/** The "avatar processed" subscription's DLQ: the SNS notification (raw message delivery off). */
const SNS_NOTIFICATION = JSON.stringify({
  Type: 'Notification',
  MessageId: 'b9b4a2c1-0000-4000-8000-000000000001',
  TopicArn: 'arn:aws:sns:eu-west-1:123456789012:cruddur-avatars-prod-avatar-processed',
  Message: '{"schemaVersion":1,"type":"avatar.processed","sub":"u","version":"1767225600000-9f86d081884c7d65","renditions":[]}',
  Timestamp: '2026-12-08T12:00:00.000Z',
  SignatureVersion: '1',
  Signature: 'c2ln',
  SigningCertURL: 'https://sns.eu-west-1.amazonaws.com/cert.pem',
  UnsubscribeURL: 'https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe',
  MessageAttributes: { type: { Type: 'String', Value: 'avatar.processed' } },
});

/** The renditions-deleted rule's target DLQ: the EventBridge event itself. */
const EVENTBRIDGE_EVENT = JSON.stringify({
  version: '0',
  id: '17793124-05d4-b198-2fde-7ededc63b103',
  'detail-type': 'Object Deleted',
  source: 'aws.s3',
  account: '123456789012',
  time: '2026-12-08T12:00:00Z',
  region: 'eu-west-1',
  resources: ['arn:aws:s3:::cruddur-avatars-prod-assets'],
  detail: { version: '0', bucket: { name: 'cruddur-avatars-prod-assets' }, object: { key: 'avatars/u/1767225600000-9f86d081884c7d65/512.webp' }, reason: 'DeleteObject' },
});

describe('every dead-letter queue the stacks create can be replayed', () => {
  it('a Lambda on-failure record: its requestPayload, and why', () => {
    expect(parseDeadLetterBody(ON_FAILURE)).toEqual({ payload: JSON.parse(ON_FAILURE).requestPayload, reason: 'RetriesExhausted, Unhandled' });
  });

  it('an SNS notification: the SNS event Lambda would have been invoked with', () => {
    const { payload, reason } = parseDeadLetterBody(SNS_NOTIFICATION);
    const notification = JSON.parse(SNS_NOTIFICATION);
    expect(reason).toBe(`SNS delivery failed (${notification.TopicArn})`);
    expect(payload).toEqual({
      Records: [
        {
          EventSource: 'aws:sns',
          EventVersion: '1.0',
          EventSubscriptionArn: `${notification.TopicArn}:redrive`,
          Sns: expect.objectContaining({ Type: 'Notification', MessageId: notification.MessageId, TopicArn: notification.TopicArn, Message: notification.Message, MessageAttributes: notification.MessageAttributes }),
        },
      ],
    });
  });

  it('an EventBridge event: the event itself', () => {
    expect(parseDeadLetterBody(EVENTBRIDGE_EVENT)).toEqual({ payload: JSON.parse(EVENTBRIDGE_EVENT), reason: 'EventBridge delivery failed (Object Deleted from aws.s3)' });
  });

  it.each([
    ['not JSON', 'not json', 'not JSON'],
    ['an array', '[]', 'none of'],
    ['a bare SQS message body', '{"hello":"world"}', 'none of'],
    ['an SNS notification without its message', JSON.stringify({ ...JSON.parse(SNS_NOTIFICATION), Message: undefined }), 'none of'],
  ])('refuses %s, saying why', (_, body, why) => {
    expect(() => parseDeadLetterBody(body)).toThrow(MalformedRecordError);
    expect(() => parseDeadLetterBody(body)).toThrow(why);
  });

  it.each([
    [[], 'cruddur-avatars-prod-thumbnail-dlq', 'cruddur-avatars-prod-thumbnail'],
    [['--dlq', 'thumbnail'], 'cruddur-avatars-prod-thumbnail-dlq', 'cruddur-avatars-prod-thumbnail'],
    [['--dlq', 'avatarProcessed'], 'cruddur-avatars-prod-profile-avatar-processed-dlq', 'cruddur-avatars-prod-profile-avatar-processed'],
    [['--dlq', 'renditionsDeleted'], 'cruddur-avatars-prod-profile-renditions-deleted-dlq', 'cruddur-avatars-prod-profile-renditions-deleted'],
  ])('--stage prod %j reads queue %s into %s', (argv, queueName, functionName) => {
    expect(parseCommand(['--stage', 'prod', ...argv], {})).toMatchObject({ queueName, functionName });
  });

  it('refuses an unknown --dlq, and --dlq with --local', () => {
    expect(() => parseCommand(['--dlq', 'presign'], {})).toThrow(UsageError);
    expect(() => parseCommand(['--dlq', 'presign'], {})).toThrow('--dlq must be one of thumbnail, avatarProcessed, renditionsDeleted');
    expect(() => parseCommand(['--local', '/tmp/x', '--dlq', 'thumbnail'], {})).toThrow('--local replaces --stage, --dlq and --queue-url');
  });
});
