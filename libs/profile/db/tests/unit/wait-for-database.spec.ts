import { DatabaseConfigError, type Queryable, waitForDatabase } from '../../src';

// A database that is down for a while and then answers can't be staged with PGlite: a stub stands in.
function flaky(failures: number, error: Error = new Error('connect ECONNREFUSED')) {
  let calls = 0;
  const db = {
    query: async () => {
      calls += 1;
      if (calls <= failures) throw error;
      return { rows: [{ '?column?': 1 }], rowCount: 1 };
    },
  } as unknown as Queryable;
  return { db, calls: () => calls };
}

describe('waitForDatabase', () => {
  it('retries until the database answers, telling each retry', async () => {
    const { db, calls } = flaky(2);
    const onRetry = jest.fn();
    await waitForDatabase(db, { attempts: 5, delayMs: 1, onRetry });
    expect(calls()).toBe(3);
    expect(onRetry.mock.calls.map(([attempt]) => attempt)).toEqual([1, 2]);
  });

  it('gives up after the last attempt with the last error', async () => {
    const { db, calls } = flaky(10);
    await expect(waitForDatabase(db, { attempts: 3, delayMs: 1 })).rejects.toThrow('ECONNREFUSED');
    expect(calls()).toBe(3);
  });

  it('does not wait on a configuration error', async () => {
    const { db, calls } = flaky(10, new DatabaseConfigError('DATABASE_URL is malformed'));
    await expect(waitForDatabase(db, { attempts: 5, delayMs: 1 })).rejects.toBeInstanceOf(DatabaseConfigError);
    expect(calls()).toBe(1);
  });
});
