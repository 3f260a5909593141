import path from 'node:path';
import { onFailureRecord } from '@cruddur/shared/lambda-events';
import { DeadLetterFolder } from './dead-letter-folder';
import { UnknownFunctionError } from './errors';
import { EventJournal, type JournalEntry } from './event-journal';
import { type LambdaHandler, type LocalFunction, LOCAL_ACCOUNT_ID, invokeOnce } from './invoke';

/** Retries after a failed attempt, as Lambda's asynchronous invocation makes them. */
const LAMBDA_ASYNC_RETRIES = 2;

export interface DurableInvokerOptions {
  /** Where each function's journal (`<fn>/pending`) and dead-letter queue (`<fn>/dlq`) live. */
  directory: string;
  /** Retries after a failed attempt; Lambda's asynchronous invocation makes 2. */
  retries?: number;
  /** Wait before each retry, in ms (Lambda waits about a minute, then two; locally much less). */
  retryDelaysMs?: readonly number[];
  /** Functions whose events are journaled but not run (tests: a deterministic window before a crash). */
  paused?: readonly string[];
  log: (line: string) => void;
}

/** How one journaled invocation ended: done, parked in the DLQ, or left for the next start. */
export interface DurableOutcome {
  fn: string;
  id: string;
  what: string;
  attempts: number;
  status: 'succeeded' | 'parked' | 'interrupted';
  result?: unknown;
  error?: unknown;
}

interface Registered {
  fn: LocalFunction;
  handler: LambdaHandler<unknown, unknown>;
  journal: EventJournal;
  dlq: DeadLetterFolder;
  concurrency: number;
  running: number;
  waiting: (() => void)[];
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Asynchronous invocation as S3 and SNS do it, durably: an event is journaled (fsynced) before
 * `enqueue` resolves, so the caller may acknowledge it; it is retried twice with backoff, then
 * parked in the function's dead-letter folder as a Lambda on-failure record. Events left in the
 * journal by a crash run again on `resume()`.
 *
 * @example
 * const invoker = new DurableInvoker({ directory: '.local/lambda', log: console.log });
 * invoker.register(thumbnailFunction, thumbnailHandler);
 * invoker.resume();
 * await invoker.enqueue('thumbnail', s3Event, 's3://uploads/a.jpg'); // journaled: acknowledge now
 */
export class DurableInvoker {
  private readonly functions = new Map<string, Registered>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly listeners = new Set<(outcome: DurableOutcome) => void>();
  private readonly retries: number;
  private readonly delays: readonly number[];
  private stopped = false;

  constructor(private readonly options: DurableInvokerOptions) {
    this.retries = options.retries ?? LAMBDA_ASYNC_RETRIES;
    this.delays = options.retryDelaysMs ?? [1000, 2000];
  }

  /** Adds a function, with its journal and DLQ folders; `concurrency` bounds how many of its events run at once. */
  register<E, R>(fn: LocalFunction, handler: LambdaHandler<E, R>, concurrency = 2): void {
    const dir = path.join(this.options.directory, fn.name);
    this.functions.set(fn.name, {
      fn,
      handler: handler as LambdaHandler<unknown, unknown>,
      journal: new EventJournal(path.join(dir, 'pending')),
      dlq: new DeadLetterFolder(path.join(dir, 'dlq')),
      concurrency,
      running: 0,
      waiting: [],
    });
  }

  /** The function's local dead-letter queue. */
  deadLetters(name: string): DeadLetterFolder {
    return this.registered(name).dlq;
  }

  /** The function's journal of unfinished invocations. */
  journal(name: string): EventJournal {
    return this.registered(name).journal;
  }

  /** Starts every invocation a previous run left unfinished; returns how many. */
  resume(): number {
    let resumed = 0;
    for (const entry of this.functions.values()) {
      for (const pending of entry.journal.entries((file, error) => this.options.log(`${entry.fn.name}: unreadable journal entry ${file}: ${String(error)}`))) {
        this.options.log(`${entry.fn.name}: resuming ${pending.what} (accepted ${pending.enqueuedAt})`);
        this.schedule(entry, pending);
        resumed += 1;
      }
    }
    return resumed;
  }

  /**
   * Journals the event durably, then runs it in the background; resolves once journaled.
   *
   * @throws UnknownFunctionError for a function that was not registered
   */
  async enqueue<E>(name: string, event: E, what: string): Promise<void> {
    const entry = this.registered(name);
    const id = await entry.journal.append(event, what);
    if (this.stopped) {
      this.options.log(`${name}: ${what} journaled while stopping: it runs on the next start`);
      return;
    }
    this.schedule(entry, { id, what, enqueuedAt: new Date().toISOString(), event });
  }

  /** A synchronous (RequestResponse) invocation: once, no journal, the error is the caller's. */
  async invoke(name: string, event: unknown): Promise<unknown> {
    const entry = this.registered(name);
    const release = await this.acquire(entry);
    try {
      return await invokeOnce(entry.fn, entry.handler, event);
    } finally {
      release();
    }
  }

  /** Calls `listener` after each journaled invocation ends (tests, diagnostics). */
  onOutcome(listener: (outcome: DurableOutcome) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Waits until every invocation started so far has ended. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Stops starting attempts (journaled events stay for the next start) and waits for running ones. */
  async drain(): Promise<void> {
    this.stopped = true;
    for (const entry of this.functions.values()) entry.waiting.splice(0).forEach((wake) => wake());
    await this.settled();
  }

  private registered(name: string): Registered {
    const entry = this.functions.get(name);
    if (!entry) throw new UnknownFunctionError(name);
    return entry;
  }

  private schedule(entry: Registered, pending: JournalEntry): void {
    if (this.options.paused?.includes(entry.fn.name)) {
      this.options.log(`${entry.fn.name}: ${pending.what} journaled; not run (paused)`);
      return;
    }
    const run = this.run(entry, pending).then(
      (outcome) => {
        for (const listener of this.listeners) listener(outcome);
      },
      // The journal or the DLQ folder failed under us: the entry stays for the next start; the stack keeps running.
      (error: unknown) => this.options.log(`${entry.fn.name}: ${pending.what}: ${describe(error)} (left in the journal for the next start)`),
    );
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }

  /** Waits for one of the function's concurrency slots; call the returned function to free it. */
  private async acquire(entry: Registered): Promise<() => void> {
    while (entry.running >= entry.concurrency && !this.stopped) await new Promise<void>((wake) => entry.waiting.push(wake));
    entry.running += 1;
    return () => {
      entry.running -= 1;
      entry.waiting.shift()?.();
    };
  }

  private async run(entry: Registered, pending: JournalEntry): Promise<DurableOutcome> {
    const { fn } = entry;
    const base = { fn: fn.name, id: pending.id, what: pending.what };
    // Asynchronous: the caller's response goes out before the function starts.
    await new Promise((resolve) => setImmediate(resolve));
    let lastError: unknown;
    let attempt = 0;
    while (attempt <= this.retries) {
      const release = await this.acquire(entry);
      if (this.stopped) {
        release();
        return this.interrupted(base, attempt, lastError);
      }
      attempt += 1;
      const started = Date.now();
      try {
        const result = await invokeOnce(fn, entry.handler, pending.event).finally(release);
        entry.journal.remove(pending.id);
        this.options.log(`${fn.name}: ${pending.what} done in ${Date.now() - started} ms${attempt > 1 ? ` (attempt ${attempt})` : ''}${summary(result)}`);
        return { ...base, attempts: attempt, status: 'succeeded', result };
      } catch (error) {
        lastError = error;
        const last = attempt > this.retries;
        this.options.log(`${fn.name}: ${pending.what} failed (attempt ${attempt} of ${this.retries + 1}): ${describe(error)}${last ? '' : '; will retry'}`);
        if (last) break;
        await new Promise((resolve) => setTimeout(resolve, this.delays[attempt - 1] ?? this.delays.at(-1) ?? 0));
      }
    }
    const functionArn = `arn:aws:lambda:${fn.region}:${LOCAL_ACCOUNT_ID}:function:${fn.name}`;
    const dlqId = entry.dlq.park(onFailureRecord({ functionArn, payload: pending.event, error: lastError, invokeCount: attempt }));
    entry.journal.remove(pending.id);
    this.options.log(`${fn.name}: ${pending.what} parked in the dead-letter queue as ${dlqId} after ${attempt} attempts (replay: npx tsx tools/redrive/src/main.ts --local <data-dir> --function ${fn.name})`);
    return { ...base, attempts: attempt, status: 'parked', error: lastError };
  }

  private interrupted(base: Pick<DurableOutcome, 'fn' | 'id' | 'what'>, attempts: number, error: unknown): DurableOutcome {
    this.options.log(`${base.fn}: ${base.what} left in the journal (the stack is stopping): it runs on the next start`);
    return { ...base, attempts, status: 'interrupted', error };
  }
}

function summary(result: unknown): string {
  if (result === undefined || result === null) return '';
  const text = JSON.stringify(result);
  return text.length <= 200 ? `: ${text}` : '';
}
