import type { OnFailureRecord } from '@cruddur/shared/lambda-events';
import { MalformedRecordError } from './errors';

/** One parked failure: the original invocation's payload and the handle to delete it by. */
export interface DeadLetterRecord {
  /** Opaque to the caller (an SQS receipt handle, a file name in a local DLQ). */
  readonly handle: string;
  readonly id: string;
  /** The event the function failed on, exactly as it was invoked (`requestPayload`). */
  readonly payload: unknown;
  /** Why it was parked, for the report (`responseContext.functionError`, the condition, …). */
  readonly reason: string;
}

/** Where failed events wait: the thumbnail DLQ in AWS (SQS), a folder in the local stack. */
export interface DeadLetterSource {
  readonly description: string;
  /** Up to `max` records, each hidden from other readers while this run works on it. */
  receive(max: number): Promise<DeadLetterRecord[]>;
  /** Removes a record; only called after its replay succeeded. */
  delete(record: DeadLetterRecord): Promise<void>;
  /** Hands a record back at once (its replay failed, or a dry run); without it, it comes back when its claim expires. */
  release?(record: DeadLetterRecord): Promise<void>;
}

/** Runs the function again on a payload; resolves only when the function succeeded. */
export interface Replayer {
  readonly description: string;
  replay(payload: unknown): Promise<void>;
}

export interface RedriveOptions {
  readonly max: number;
  readonly dryRun: boolean;
  /** One line per record and a summary; the CLI passes stdout. */
  readonly log: (line: string) => void;
}

export interface RedriveReport {
  readonly replayed: string[];
  readonly failed: Array<{ id: string; error: string }>;
  readonly skipped: string[];
}

/**
 * Replays up to `max` parked failures, one at a time: a record is deleted only after its replay
 * succeeded, so a failed replay leaves it in the queue for the next run (or its expiry alarm).
 *
 * @example
 * await redrive(sqsDeadLetterSource(sqs, queueUrl), lambdaReplayer(lambda, 'cruddur-avatars-prod-thumbnail'), { max: 10, dryRun: false, log: console.log });
 */
export async function redrive(source: DeadLetterSource, replayer: Replayer, options: RedriveOptions): Promise<RedriveReport> {
  const report: RedriveReport = { replayed: [], failed: [], skipped: [] };
  options.log(`${options.dryRun ? 'dry run: would replay' : 'replaying'} up to ${options.max} from ${source.description} into ${replayer.description}`);
  // Released at the end, so that one run does not receive the same record twice.
  const held: DeadLetterRecord[] = [];
  while (report.replayed.length + report.failed.length + report.skipped.length < options.max) {
    const left = options.max - (report.replayed.length + report.failed.length + report.skipped.length);
    const batch = await source.receive(Math.min(left, 10));
    if (batch.length === 0) break;
    for (const record of batch) {
      if (options.dryRun) {
        report.skipped.push(record.id);
        options.log(`would replay ${record.id} (${record.reason})`);
        held.push(record);
        continue;
      }
      try {
        await replayer.replay(record.payload);
      } catch (error) {
        report.failed.push({ id: record.id, error: error instanceof Error ? error.message : String(error) });
        options.log(`FAILED ${record.id}: ${error instanceof Error ? error.message : String(error)} (kept in the queue)`);
        held.push(record);
        continue;
      }
      await source.delete(record);
      report.replayed.push(record.id);
      options.log(`replayed ${record.id} (${record.reason}) and deleted it`);
    }
    // A dry run sees the same (hidden) messages only once per visibility timeout: one batch is the preview.
    if (options.dryRun) break;
  }
  for (const record of held) await source.release?.(record);
  options.log(`${report.replayed.length} replayed, ${report.failed.length} failed, ${report.skipped.length} not touched (dry run)`);
  return report;
}

/**
 * Reads a Lambda on-failure destination record (what the thumbnail DLQ holds): the original
 * `requestPayload` and why it failed.
 *
 * @example
 * parseOnFailureRecord('{"requestContext":{"condition":"RetriesExhausted"},"requestPayload":{"Records":[]}}');
 */
export function parseOnFailureRecord(body: string): { payload: unknown; reason: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (cause) {
    throw new MalformedRecordError('record body is not JSON', { cause });
  }
  if (typeof parsed !== 'object' || parsed === null || !('requestPayload' in parsed)) {
    throw new MalformedRecordError('record is not a Lambda on-failure record (no requestPayload)');
  }
  const record = parsed as Partial<OnFailureRecord>;
  const reason = [record.requestContext?.condition, record.responseContext?.functionError].filter(Boolean).join(', ') || 'unknown';
  return { payload: record.requestPayload, reason };
}

/** The SNS notification SNS parks in a subscription's dead-letter queue (raw delivery off). */
interface SnsNotification {
  Type: 'Notification';
  MessageId: string;
  TopicArn: string;
  Message: string;
  Timestamp: string;
  Subject?: string;
  MessageAttributes?: Record<string, { Type: string; Value: string }>;
  SignatureVersion?: string;
  Signature?: string;
  SigningCertURL?: string;
  UnsubscribeURL?: string;
}

/** An event EventBridge parks in a target's dead-letter queue: the event itself. */
interface EventBridgeEventBody {
  version: string;
  id: string;
  'detail-type': string;
  source: string;
  detail: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function isSnsNotification(value: Record<string, unknown>): value is Record<string, unknown> & SnsNotification {
  return value['Type'] === 'Notification' && typeof value['TopicArn'] === 'string' && typeof value['Message'] === 'string' && typeof value['MessageId'] === 'string';
}

function isEventBridgeEvent(value: Record<string, unknown>): value is Record<string, unknown> & EventBridgeEventBody {
  return typeof value['detail-type'] === 'string' && typeof value['source'] === 'string' && typeof value['id'] === 'string' && 'detail' in value;
}

/**
 * The Lambda event an SNS subscription would have delivered for a parked notification: one record,
 * the notification as its `Sns` (message attributes as Lambda shows them).
 */
function snsLambdaEvent(notification: SnsNotification): unknown {
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: `${notification.TopicArn}:redrive`,
        Sns: {
          Type: notification.Type,
          MessageId: notification.MessageId,
          TopicArn: notification.TopicArn,
          Subject: notification.Subject ?? null,
          Message: notification.Message,
          Timestamp: notification.Timestamp,
          SignatureVersion: notification.SignatureVersion ?? '1',
          Signature: notification.Signature ?? '',
          SigningCertUrl: notification.SigningCertURL ?? '',
          UnsubscribeUrl: notification.UnsubscribeURL ?? '',
          MessageAttributes: notification.MessageAttributes ?? {},
        },
      },
    ],
  };
}

/**
 * Reads any record the stacks' dead-letter queues hold, and what to invoke the function with again:
 * a Lambda on-failure record (the thumbnail's asynchronous invocations: its `requestPayload`), an SNS
 * notification (the "avatar processed" subscription: rebuilt as the SNS event Lambda receives), or
 * an EventBridge event (the renditions-deleted rule's target: the event itself).
 *
 * @throws MalformedRecordError for a body of none of these shapes
 *
 * @example
 * parseDeadLetterBody('{"Type":"Notification","MessageId":"m","TopicArn":"arn:aws:sns:…","Message":"{}","Timestamp":"…"}');
 */
export function parseDeadLetterBody(body: string): { payload: unknown; reason: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (cause) {
    throw new MalformedRecordError('record body is not JSON', { cause });
  }
  if (isObject(parsed) && 'requestPayload' in parsed) return parseOnFailureRecord(body);
  if (isObject(parsed) && isSnsNotification(parsed)) return { payload: snsLambdaEvent(parsed), reason: `SNS delivery failed (${parsed.TopicArn})` };
  if (isObject(parsed) && isEventBridgeEvent(parsed)) return { payload: parsed, reason: `EventBridge delivery failed (${parsed['detail-type']} from ${parsed.source})` };
  throw new MalformedRecordError('record is none of: a Lambda on-failure record, an SNS notification, an EventBridge event');
}
