import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { ChangeMessageVisibilityCommand, DeleteMessageCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { RedriveError } from './errors';
import { parseDeadLetterBody, type DeadLetterRecord, type DeadLetterSource, type Replayer } from './redrive';

/** Seconds a received record stays hidden from other readers while it is replayed. */
const VISIBILITY_TIMEOUT_SECONDS = 120;

/**
 * A dead-letter queue (SQS) of the stacks as a source of parked failures, whatever its records'
 * shape (`parseDeadLetterBody`). A record of another shape is reported and made visible again, never deleted.
 *
 * @example
 * sqsDeadLetterSource(new SQSClient({}), 'https://sqs.eu-west-1.amazonaws.com/123456789012/cruddur-avatars-prod-thumbnail-dlq');
 */
export function sqsDeadLetterSource(sqs: SQSClient, queueUrl: string, log: (line: string) => void = () => undefined): DeadLetterSource {
  return {
    description: queueUrl,
    async receive(max) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: Math.min(max, 10), VisibilityTimeout: VISIBILITY_TIMEOUT_SECONDS, WaitTimeSeconds: 1 }),
      );
      const records: DeadLetterRecord[] = [];
      for (const message of Messages) {
        if (!message.ReceiptHandle || !message.MessageId) continue;
        try {
          records.push({ handle: message.ReceiptHandle, id: message.MessageId, ...parseDeadLetterBody(message.Body ?? '') });
        } catch (error) {
          log(`skipping ${message.MessageId}: ${error instanceof Error ? error.message : String(error)}`);
          await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle, VisibilityTimeout: 0 }));
        }
      }
      return records;
    },
    async delete(record) {
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: record.handle }));
    },
  };
}

/**
 * Re-invokes a function synchronously with a parked payload; a function error rejects, so the
 * record stays parked.
 *
 * @example
 * lambdaReplayer(new LambdaClient({}), 'cruddur-avatars-prod-thumbnail');
 */
export function lambdaReplayer(lambda: LambdaClient, functionName: string): Replayer {
  return {
    description: functionName,
    async replay(payload) {
      const result = await lambda.send(
        new InvokeCommand({ FunctionName: functionName, InvocationType: 'RequestResponse', Payload: new TextEncoder().encode(JSON.stringify(payload)) }),
      );
      if (result.FunctionError) {
        const detail = result.Payload ? new TextDecoder().decode(result.Payload).slice(0, 300) : '';
        throw new RedriveError(`${functionName} failed again (${result.FunctionError}) ${detail}`.trim());
      }
    },
  };
}
