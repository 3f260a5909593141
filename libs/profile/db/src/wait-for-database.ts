import { setTimeout as sleep } from 'node:timers/promises';
import type { Queryable } from './database';
import { DatabaseConfigError } from './errors';

export interface WaitForDatabaseOptions {
  /** Tries in all (a paused Aurora Serverless v2 writer resumes in about 15 s). */
  attempts?: number;
  delayMs?: number;
  /** Told about each failed try that will be retried. */
  onRetry?: (attempt: number, error: unknown) => void;
}

/**
 * Waits until the database answers `SELECT 1`, retrying connection failures; a configuration
 * error is thrown at once, since waiting does not heal it.
 *
 * @example
 * await waitForDatabase(db, { attempts: 12, delayMs: 5000 });
 */
export async function waitForDatabase(db: Queryable, options: WaitForDatabaseOptions = {}): Promise<void> {
  const attempts = options.attempts ?? 12;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await db.query('SELECT 1');
      return;
    } catch (error) {
      if (error instanceof DatabaseConfigError || attempt >= attempts) throw error;
      options.onRetry?.(attempt, error);
      await sleep(options.delayMs ?? 5000);
    }
  }
}
