import { AsyncInvoker, type AsyncInvocationOutcome } from '../../src';

const fn = { name: 'thumbnail', region: 'us-east-1', memoryMb: 128, timeoutMs: 200 };

function invoker() {
  const lines: string[] = [];
  const outcomes: AsyncInvocationOutcome<unknown>[] = [];
  const subject = new AsyncInvoker({ log: (line) => lines.push(line), retryDelaysMs: [1, 1] });
  subject.onOutcome((outcome) => outcomes.push(outcome));
  return { subject, lines, outcomes };
}

describe('AsyncInvoker', () => {
  it('returns before the function runs, and logs its result', async () => {
    const { subject, lines, outcomes } = invoker();
    let ran = false;
    subject.invoke(fn, async () => ((ran = true), { processed: 1 }), {}, 'event');
    expect(ran).toBe(false);
    await subject.settled();
    expect(outcomes).toEqual([{ fn: 'thumbnail', attempts: 1, result: { processed: 1 } }]);
    expect(lines[0]).toMatch(/^thumbnail: event done in \d+ ms: \{"processed":1\}$/);
  });

  it('retries a failing function twice, like Lambda asynchronous invocation, then gives up', async () => {
    const { subject, lines, outcomes } = invoker();
    const handler = jest.fn(async () => {
      throw new Error('S3 unreachable');
    });
    subject.invoke(fn, handler, {}, 'event');
    await subject.settled();
    expect(handler).toHaveBeenCalledTimes(3);
    expect(outcomes[0]).toMatchObject({ attempts: 3, error: expect.any(Error) });
    expect(lines.at(-1)).toBe('thumbnail: event failed (attempt 3 of 3): Error: S3 unreachable; giving up');
  });

  it('succeeds on a retry', async () => {
    const { subject, outcomes } = invoker();
    let calls = 0;
    subject.invoke(fn, async () => {
      calls += 1;
      if (calls === 1) throw new Error('throttled');
      return 'ok';
    }, {}, 'event');
    await subject.settled();
    expect(outcomes[0]).toEqual({ fn: 'thumbnail', attempts: 2, result: 'ok' });
  });

  it('fails an invocation that runs past the timeout, passing a context that counts down', async () => {
    const { subject, outcomes } = invoker();
    let remaining = 0;
    subject.invoke(fn, (_event, context) => {
      remaining = context.getRemainingTimeInMillis();
      return new Promise(() => undefined);
    }, {}, 'event');
    await subject.settled();
    expect(remaining).toBeGreaterThan(0);
    expect(remaining).toBeLessThanOrEqual(200);
    expect(outcomes[0]?.error).toMatchObject({ name: 'LambdaTimeoutError' });
  });

  it('refuses new invocations once draining, and skips pending retries', async () => {
    const { subject, lines, outcomes } = invoker();
    subject.invoke(fn, async () => {
      throw new Error('down');
    }, {}, 'failing');
    await subject.drain();
    expect(outcomes[0]).toMatchObject({ attempts: 1 });
    lines.length = 0;
    subject.invoke(fn, async () => 'late', {}, 'event');
    expect(lines).toEqual(['thumbnail: not invoked for event: the stack is stopping']);
  });
});
