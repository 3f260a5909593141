import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DurableInvoker } from '../../src';
import { type DurableOutcome } from '../../src/durable-invoker';

const fn = { name: 'thumbnail', region: 'us-east-1', memoryMb: 128, timeoutMs: 1000 };

describe('DurableInvoker', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'durable-invoker-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  function invoker(options: { paused?: string[] } = {}) {
    const lines: string[] = [];
    const outcomes: DurableOutcome[] = [];
    const subject = new DurableInvoker({ directory, log: (line) => lines.push(line), retryDelaysMs: [1, 1], ...options });
    subject.onOutcome((outcome) => outcomes.push(outcome));
    return { subject, lines, outcomes };
  }
  const pendingFiles = () => readdirSync(path.join(directory, 'thumbnail', 'pending')).filter((name) => !name.startsWith('.'));

  it('journals the event before enqueue resolves, and removes it once the function succeeded', async () => {
    const { subject, outcomes } = invoker();
    let journaledWhenRun = 0;
    subject.register(fn, async () => {
      journaledWhenRun = pendingFiles().length;
      return { processed: 1 };
    });
    await subject.enqueue('thumbnail', { Records: [] }, 'event');
    expect(pendingFiles()).toHaveLength(1);
    await subject.settled();
    expect(journaledWhenRun).toBe(1);
    expect(pendingFiles()).toEqual([]);
    expect(outcomes).toEqual([expect.objectContaining({ status: 'succeeded', attempts: 1, result: { processed: 1 } })]);
  });

  it('retries twice, then parks a Lambda on-failure record with the payload and the error', async () => {
    const { subject, outcomes, lines } = invoker();
    const handler = jest.fn(async () => {
      throw new Error('S3 unreachable');
    });
    subject.register(fn, handler);
    await subject.enqueue('thumbnail', { Records: [{ key: 'a' }] }, 'event');
    await subject.settled();
    expect(handler).toHaveBeenCalledTimes(3);
    expect(outcomes[0]).toMatchObject({ status: 'parked', attempts: 3 });
    expect(pendingFiles()).toEqual([]);
    const dlq = subject.deadLetters('thumbnail');
    const [id] = dlq.ids();
    expect(dlq.read(id ?? '')).toMatchObject({
      version: '1.0',
      requestContext: { functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:thumbnail:$LATEST', condition: 'RetriesExhausted', approximateInvokeCount: 3 },
      requestPayload: { Records: [{ key: 'a' }] },
      responseContext: { functionError: 'Unhandled' },
      responsePayload: { errorType: 'Error', errorMessage: 'S3 unreachable' },
    });
    expect(lines.at(-1)).toMatch(/parked in the dead-letter queue as \S+ after 3 attempts/);
  });

  it('resumes what a previous run journaled and never finished (a kill), oldest first', async () => {
    const first = invoker({ paused: ['thumbnail'] });
    first.subject.register(fn, async () => 'never');
    await first.subject.enqueue('thumbnail', { n: 1 }, 'one');
    await first.subject.enqueue('thumbnail', { n: 2 }, 'two');
    await first.subject.settled();
    expect(first.outcomes).toEqual([]);
    // A write the crash cut short, before its rename: never acknowledged, never resumed.
    writeFileSync(path.join(directory, 'thumbnail', 'pending', '.0001.json.1.x.tmp'), '{"half":');

    const second = invoker();
    const seen: unknown[] = [];
    second.subject.register(fn, async (event) => void seen.push(event), 1);
    expect(second.subject.resume()).toBe(2);
    await second.subject.settled();
    expect(seen).toEqual([{ n: 1 }, { n: 2 }]);
    expect(readdirSync(path.join(directory, 'thumbnail', 'pending'))).toEqual([]);
  });

  it('leaves an event in the journal when the stack stops between retries', async () => {
    const { subject, outcomes } = invoker();
    subject.register(fn, async () => {
      throw new Error('down');
    });
    await subject.enqueue('thumbnail', {}, 'event');
    await new Promise((resolve) => setImmediate(resolve));
    await subject.drain();
    expect(outcomes[0]?.status).toBe('interrupted');
    expect(pendingFiles()).toHaveLength(1);
    expect(subject.deadLetters('thumbnail').ids()).toEqual([]);
  });

  it('runs at most `concurrency` invocations of a function at once', async () => {
    const { subject } = invoker();
    let running = 0;
    let most = 0;
    subject.register(
      fn,
      async () => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running -= 1;
      },
      2,
    );
    await Promise.all(Array.from({ length: 6 }, (_, i) => subject.enqueue('thumbnail', { i }, `e${i}`)));
    await subject.settled();
    expect(most).toBe(2);
  });

  it('refuses an unknown function', async () => {
    const { subject } = invoker();
    await expect(subject.enqueue('nope', {}, 'x')).rejects.toMatchObject({ name: 'UnknownFunctionError' });
  });
});
