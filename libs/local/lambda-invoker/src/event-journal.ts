import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { HIDDEN_PREFIX, recordId, writeFileDurablyAsync } from './durable-files';

/** One accepted asynchronous invocation that has not finished yet. */
export interface JournalEntry<E = unknown> {
  id: string;
  /** For the log: e.g. the object key the event is about. */
  what: string;
  enqueuedAt: string;
  event: E;
}

/**
 * The accepted, unfinished invocations of one function, one fsynced file each, so that a stack
 * killed at any moment resumes them on its next start.
 *
 * @example
 * const journal = new EventJournal('.local/lambda/thumbnail/pending');
 * const id = await journal.append(event, 's3://uploads/a.jpg');
 * journal.remove(id); // once the invocation succeeded or was parked
 */
export class EventJournal {
  constructor(readonly directory: string) {
    mkdirSync(directory, { recursive: true });
  }

  /** Persists the event (durably) before resolving its id. */
  async append<E>(event: E, what: string, now: Date = new Date()): Promise<string> {
    const id = recordId(now.getTime());
    const entry: JournalEntry<E> = { id, what, enqueuedAt: now.toISOString(), event };
    await writeFileDurablyAsync(this.directory, `${id}.json`, JSON.stringify(entry));
    return id;
  }

  /** Every unfinished entry, oldest first; an unreadable file is reported, not resumed. */
  entries(onUnreadable: (file: string, error: unknown) => void = () => undefined): JournalEntry[] {
    const entries: JournalEntry[] = [];
    for (const name of readdirSync(this.directory).sort()) {
      if (name.startsWith(HIDDEN_PREFIX)) {
        // A write that a crash interrupted before its rename: it was never acknowledged.
        if (name.endsWith('.tmp')) rmSync(path.join(this.directory, name), { force: true });
        continue;
      }
      if (!name.endsWith('.json')) continue;
      try {
        entries.push(JSON.parse(readFileSync(path.join(this.directory, name), 'utf8')) as JournalEntry);
      } catch (error) {
        onUnreadable(name, error);
      }
    }
    return entries;
  }

  /** Synchronous on purpose: the entry is gone in the same turn of the event loop as the outcome it records. */
  remove(id: string): void {
    rmSync(path.join(this.directory, `${id}.json`), { force: true });
  }
}
