import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { lambdaReplayer, sqsDeadLetterSource } from '../../src/aws';
import { runCli } from '../../src/cli';
import { MalformedRecordError } from '../../src/errors';
import { parseOnFailureRecord, redrive, type DeadLetterRecord, type DeadLetterSource, type Replayer } from '../../src/redrive';

/** What Lambda writes to an on-failure destination after the retries are exhausted. */
function onFailureBody(key: string): string {
  return JSON.stringify({
    version: '1.0',
    timestamp: '2026-12-01T08:00:00.000Z',
    requestContext: { requestId: 'r-1', functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:cruddur-avatars-prod-thumbnail:$LATEST', condition: 'RetriesExhausted', approximateInvokeCount: 3 },
    requestPayload: { Records: [{ eventSource: 'aws:s3', s3: { bucket: { name: 'uploads' }, object: { key } } }] },
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    responsePayload: { errorType: 'Error', errorMessage: 'S3 timed out' },
  });
}

/** An in-memory queue with SQS's receive/delete contract. */
function fakeSource(keys: string[]): DeadLetterSource & { remaining: () => string[] } {
  const messages = keys.map((key, i) => ({ id: `m-${i}`, body: onFailureBody(key) }));
  let received = new Set<string>();
  return {
    description: 'fake-dlq',
    remaining: () => messages.map((m) => m.id),
    async receive(max) {
      const batch = messages.filter((m) => !received.has(m.id)).slice(0, max);
      batch.forEach((m) => received.add(m.id));
      return batch.map((m): DeadLetterRecord => ({ handle: `h-${m.id}`, id: m.id, ...parseOnFailureRecord(m.body) }));
    },
    async delete(record) {
      const index = messages.findIndex((m) => `h-${m.id}` === record.handle);
      messages.splice(index, 1);
      received = new Set([...received].filter((id) => id !== record.id));
    },
  };
}

function fakeReplayer(failing: string[] = []): Replayer & { payloads: unknown[] } {
  const payloads: unknown[] = [];
  return {
    description: 'fake-thumbnail',
    payloads,
    async replay(payload) {
      const key = (payload as { Records: Array<{ s3: { object: { key: string } } }> }).Records[0]?.s3.object.key ?? '';
      if (failing.includes(key)) throw new Error(`still broken: ${key}`);
      payloads.push(payload);
    },
  };
}

describe('redrive', () => {
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);
  beforeEach(() => lines.splice(0));

  it('replays each record with its original requestPayload, then deletes it', async () => {
    const source = fakeSource(['uploads/avatars/a/1.jpg', 'uploads/avatars/b/2.jpg']);
    const replayer = fakeReplayer();
    const report = await redrive(source, replayer, { max: 10, dryRun: false, log });
    expect(report.replayed).toEqual(['m-0', 'm-1']);
    expect(replayer.payloads).toEqual([JSON.parse(onFailureBody('uploads/avatars/a/1.jpg')).requestPayload, JSON.parse(onFailureBody('uploads/avatars/b/2.jpg')).requestPayload]);
    expect(source.remaining()).toEqual([]);
    expect(lines.at(-1)).toBe('2 replayed, 0 failed, 0 not touched (dry run)');
  });

  it('keeps a record whose replay failed, and says so', async () => {
    const source = fakeSource(['uploads/avatars/a/1.jpg', 'uploads/avatars/b/2.jpg']);
    const report = await redrive(source, fakeReplayer(['uploads/avatars/a/1.jpg']), { max: 10, dryRun: false, log });
    expect(report.failed).toEqual([{ id: 'm-0', error: 'still broken: uploads/avatars/a/1.jpg' }]);
    expect(source.remaining()).toEqual(['m-0']);
    expect(lines).toContain('FAILED m-0: still broken: uploads/avatars/a/1.jpg (kept in the queue)');
  });

  it('--max bounds the run', async () => {
    const source = fakeSource(['a', 'b', 'c', 'd']);
    const report = await redrive(source, fakeReplayer(), { max: 3, dryRun: false, log });
    expect(report.replayed).toHaveLength(3);
    expect(source.remaining()).toEqual(['m-3']);
  });

  it('a dry run replays and deletes nothing, and lists what it would replay with the reason', async () => {
    const source = fakeSource(['a', 'b']);
    const replayer = fakeReplayer();
    const report = await redrive(source, replayer, { max: 10, dryRun: true, log });
    expect(report.skipped).toEqual(['m-0', 'm-1']);
    expect(replayer.payloads).toEqual([]);
    expect(source.remaining()).toEqual(['m-0', 'm-1']);
    expect(lines).toContain('would replay m-0 (RetriesExhausted, Unhandled)');
  });

  it('refuses a body that is not an on-failure record', () => {
    expect(() => parseOnFailureRecord('not json')).toThrow(MalformedRecordError);
    expect(() => parseOnFailureRecord('{"Records":[]}')).toThrow(/no requestPayload/);
  });
});

describe('SQS + Lambda implementations (fake clients at the SDK boundary)', () => {
  it('receives with a visibility timeout, deletes by receipt handle, and releases a malformed record', async () => {
    const sent: Array<{ name: string; input: Record<string, unknown> }> = [];
    const sqs = {
      send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
        sent.push({ name: command.constructor.name, input: command.input });
        if (command.constructor.name === 'ReceiveMessageCommand') {
          return { Messages: [{ MessageId: 'm-1', ReceiptHandle: 'rh-1', Body: onFailureBody('k') }, { MessageId: 'm-2', ReceiptHandle: 'rh-2', Body: '{}' }] };
        }
        return {};
      },
    } as unknown as SQSClient;
    const source = sqsDeadLetterSource(sqs, 'https://sqs/q');
    const records = await source.receive(5);
    expect(records.map((r) => r.id)).toEqual(['m-1']);
    await source.delete(records[0]!);
    expect(sent.map((c) => c.name)).toEqual(['ReceiveMessageCommand', 'ChangeMessageVisibilityCommand', 'DeleteMessageCommand']);
    expect(sent[0]?.input).toMatchObject({ QueueUrl: 'https://sqs/q', MaxNumberOfMessages: 5, VisibilityTimeout: 120 });
    expect(sent[1]?.input).toMatchObject({ ReceiptHandle: 'rh-2', VisibilityTimeout: 0 });
    expect(sent[2]?.input).toEqual({ QueueUrl: 'https://sqs/q', ReceiptHandle: 'rh-1' });
  });

  it('invokes synchronously with the payload, and rejects on a function error', async () => {
    const inputs: Array<Record<string, unknown>> = [];
    const outcome: { functionError?: string } = {};
    const lambda = {
      send: async (command: { input: Record<string, unknown> }) => {
        inputs.push(command.input);
        return { StatusCode: 200, FunctionError: outcome.functionError, Payload: new TextEncoder().encode('{"errorMessage":"boom"}') };
      },
    } as unknown as LambdaClient;
    const replayer = lambdaReplayer(lambda, 'cruddur-avatars-prod-thumbnail');
    await replayer.replay({ Records: [] });
    expect(inputs[0]).toMatchObject({ FunctionName: 'cruddur-avatars-prod-thumbnail', InvocationType: 'RequestResponse' });
    expect(new TextDecoder().decode(inputs[0]?.['Payload'] as Uint8Array)).toBe('{"Records":[]}');
    outcome.functionError = 'Unhandled';
    await expect(replayer.replay({ Records: [] })).rejects.toThrow(/failed again \(Unhandled\)/);
  });
});

describe('tools/redrive CLI', () => {
  const io = (source: DeadLetterSource, replayer: Replayer) => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), connect: async () => ({ source, replayer }) } };
  };

  it('exits 1 when a replay failed, 0 otherwise, and names the stage queue and function', async () => {
    const failing = io(fakeSource(['a']), fakeReplayer(['a']));
    expect(await runCli(['--stage', 'prod'], {}, failing.io)).toBe(1);
    let seen: unknown;
    const ok = { ...io(fakeSource(['a']), fakeReplayer()).io };
    const connect = ok.connect;
    expect(await runCli(['--max', '5'], { CRUDDUR_STAGE: 'qa' }, { ...ok, connect: async (c) => ((seen = c), connect()) })).toBe(0);
    expect(seen).toMatchObject({ queueName: 'cruddur-avatars-qa-thumbnail-dlq', functionName: 'cruddur-avatars-qa-thumbnail', max: 5, dryRun: false });
  });

  it.each([[['--max', '0']], [['--max', 'lots']], [['--stage', 'Prod!']], [['--bogus']]])('rejects %j with usage and exit code 2', async (argv) => {
    const run = io(fakeSource([]), fakeReplayer());
    expect(await runCli(argv, {}, run.io)).toBe(2);
    expect(run.err.join('')).toContain('Usage:');
  });
});
