import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { OnFailureRecord } from '@cruddur/shared/lambda-events';
import { HIDDEN_PREFIX, recordId, writeFileDurably } from './durable-files';
import { processAlive } from './process-alive';

/** A parked record taken by one reader: hidden from the others until released or deleted. */
export interface ClaimedDeadLetter {
  id: string;
  /** The claimed file's path. */
  file: string;
  record: OnFailureRecord;
}

const CLAIMED = `${HIDDEN_PREFIX}claimed`;

/**
 * A local dead-letter queue: one on-failure record per file, written atomically. Readers claim a
 * record by renaming it into a hidden folder (atomic: one reader wins), the way SQS hides a
 * received message; a claim whose process died is returned to the queue by the next reader.
 *
 * @example
 * const dlq = new DeadLetterFolder('.local/lambda/thumbnail/dlq');
 * dlq.park(onFailureRecord({ functionArn, payload, error, invokeCount: 3 }));
 * for (const claim of dlq.claim(10)) { ...; dlq.delete(claim); }
 */
export class DeadLetterFolder {
  private readonly claimed: string;

  constructor(readonly directory: string) {
    this.claimed = path.join(directory, CLAIMED);
    mkdirSync(this.claimed, { recursive: true });
  }

  /** Adds a record durably; returns its id. */
  park(record: OnFailureRecord): string {
    const id = recordId();
    writeFileDurably(this.directory, `${id}.json`, `${JSON.stringify(record, null, 2)}\n`);
    return id;
  }

  /** The ids of the records waiting (not claimed), oldest first. */
  ids(): string[] {
    return readdirSync(this.directory)
      .filter((name) => !name.startsWith(HIDDEN_PREFIX) && name.endsWith('.json'))
      .sort()
      .map((name) => name.slice(0, -'.json'.length));
  }

  /** A waiting record, without claiming it (a dry run, a listing). */
  read(id: string): OnFailureRecord {
    return JSON.parse(readFileSync(path.join(this.directory, `${id}.json`), 'utf8')) as OnFailureRecord;
  }

  /** Takes up to `max` records for this process; records another reader took first are skipped. */
  claim(max: number): ClaimedDeadLetter[] {
    this.recoverAbandonedClaims();
    const claims: ClaimedDeadLetter[] = [];
    for (const id of this.ids()) {
      if (claims.length >= max) break;
      const file = path.join(this.claimed, `${id}.${process.pid}.json`);
      try {
        renameSync(path.join(this.directory, `${id}.json`), file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      claims.push({ id, file, record: JSON.parse(readFileSync(file, 'utf8')) as OnFailureRecord });
    }
    return claims;
  }

  /** Puts a claimed record back, e.g. after its replay failed. */
  release(claim: ClaimedDeadLetter): void {
    renameSync(claim.file, path.join(this.directory, `${claim.id}.json`));
  }

  /** Removes a claimed record for good: only after its replay succeeded. */
  delete(claim: ClaimedDeadLetter): void {
    rmSync(claim.file, { force: true });
  }

  private recoverAbandonedClaims(): void {
    for (const name of readdirSync(this.claimed)) {
      const match = /^(.+)\.(\d+)\.json$/.exec(name);
      if (!match || processAlive(Number(match[2]))) continue;
      try {
        renameSync(path.join(this.claimed, name), path.join(this.directory, `${match[1]}.json`));
      } catch {
        // another reader recovered it first
      }
    }
  }
}
