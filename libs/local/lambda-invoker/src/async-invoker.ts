import { type LambdaHandler, type LocalFunction, invokeOnce } from './invoke';

export interface AsyncInvokerOptions {
  /** Retries after a failed attempt; Lambda's asynchronous invocation makes 2. */
  retries?: number;
  /** Wait before each retry, in ms (Lambda waits about a minute, then two; locally much less). */
  retryDelaysMs?: readonly number[];
  log: (line: string) => void;
}

export interface AsyncInvocationOutcome<R> {
  fn: string;
  attempts: number;
  result?: R;
  error?: unknown;
}

export const LAMBDA_ASYNC_RETRIES = 2;

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Invokes functions the way S3 and SNS do: asynchronously (the caller does not wait), retried on
 * failure, every outcome logged. `drain()` waits for what is in flight, for a clean stop.
 *
 * @example
 * invoker.invoke(thumbnailFunction, thumbnailHandler, s3Event);
 */
export class AsyncInvoker {
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly retries: number;
  private readonly delays: readonly number[];
  private stopped = false;
  private readonly listeners = new Set<(outcome: AsyncInvocationOutcome<unknown>) => void>();

  constructor(private readonly options: AsyncInvokerOptions) {
    this.retries = options.retries ?? LAMBDA_ASYNC_RETRIES;
    this.delays = options.retryDelaysMs ?? [1000, 2000];
  }

  /** Queues an invocation and returns at once. */
  invoke<E, R>(fn: LocalFunction, handler: LambdaHandler<E, R>, event: E, what: string): void {
    if (this.stopped) {
      this.options.log(`${fn.name}: not invoked for ${what}: the stack is stopping`);
      return;
    }
    const run = this.run(fn, handler, event, what).then((outcome) => {
      for (const listener of this.listeners) listener(outcome as AsyncInvocationOutcome<unknown>);
    });
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }

  /** Calls `listener` after each invocation's last attempt (tests, diagnostics). */
  onOutcome(listener: (outcome: AsyncInvocationOutcome<unknown>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Waits until every invocation made so far has had its last attempt. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Refuses new invocations, skips pending retries, and waits for running attempts. */
  async drain(): Promise<void> {
    this.stopped = true;
    await this.settled();
  }

  private async run<E, R>(fn: LocalFunction, handler: LambdaHandler<E, R>, event: E, what: string): Promise<AsyncInvocationOutcome<R>> {
    // Asynchronous: the caller's response goes out before the function starts.
    await new Promise((resolve) => setImmediate(resolve));
    let lastError: unknown;
    let attempt = 0;
    while (attempt <= this.retries) {
      attempt += 1;
      const started = Date.now();
      try {
        const result = await invokeOnce(fn, handler, event);
        this.options.log(`${fn.name}: ${what} done in ${Date.now() - started} ms${attempt > 1 ? ` (attempt ${attempt})` : ''}${summary(result)}`);
        return { fn: fn.name, attempts: attempt, result };
      } catch (error) {
        lastError = error;
        const last = attempt > this.retries || this.stopped;
        this.options.log(`${fn.name}: ${what} failed (attempt ${attempt} of ${this.retries + 1}): ${describe(error)}${last ? '; giving up' : '; will retry'}`);
        if (last) break;
        await new Promise((resolve) => setTimeout(resolve, this.delays[attempt - 1] ?? this.delays.at(-1) ?? 0));
        if (this.stopped) break;
      }
    }
    return { fn: fn.name, attempts: attempt, error: lastError };
  }
}

function summary(result: unknown): string {
  if (result === undefined || result === null) return '';
  const text = JSON.stringify(result);
  return text.length <= 200 ? `: ${text}` : '';
}
