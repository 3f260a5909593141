import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Database, isUniqueViolation, openDatabase, pgliteDatabase } from '../../src';
import { DatabaseClosedError } from '../../src/errors';

describe('openDatabase on PGlite in memory', () => {
  let db: Database;
  beforeAll(async () => {
    db = openDatabase({ DATABASE_URL: 'pglite://memory' });
    await db.query('CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL, extra jsonb)');
  });
  afterAll(() => db.close());
  beforeEach(() => db.query('TRUNCATE notes'));

  it('reports its engine and runs parameterised statements, parsing jsonb', async () => {
    expect(db.engine).toBe('pglite');
    const inserted = await db.query('INSERT INTO notes VALUES ($1, $2, $3::jsonb) RETURNING *', [1, "'; DROP TABLE notes; --", JSON.stringify({ a: [1] })]);
    expect(inserted).toEqual({ rowCount: 1, rows: [{ id: 1, body: "'; DROP TABLE notes; --", extra: { a: [1] } }] });
  });

  it('runs a script of several statements when given no parameters, answering with the last result', async () => {
    const result = await db.query("INSERT INTO notes VALUES (1, 'a'); INSERT INTO notes VALUES (2, 'b'); SELECT count(*)::int AS n FROM notes");
    expect(result.rows).toEqual([{ n: 2 }]);
  });

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    await db.transaction(async (tx) => {
      await tx.query("INSERT INTO notes VALUES (1, 'kept')");
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO notes VALUES (2, 'dropped')");
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect((await db.query('SELECT body FROM notes')).rows).toEqual([{ body: 'kept' }]);
  });

  it('stays usable after a failed statement, and reports unique violations by constraint', async () => {
    await db.query("INSERT INTO notes VALUES (1, 'a')");
    const error = await db.query("INSERT INTO notes VALUES (1, 'b')").catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    expect(isUniqueViolation(error, 'notes_pkey')).toBe(true);
    expect(isUniqueViolation(error, 'other')).toBe(false);
    expect((await db.query('SELECT count(*)::int AS n FROM notes')).rows).toEqual([{ n: 1 }]);
  });

  it('refuses a query on the database from inside a transaction instead of deadlocking', async () => {
    await expect(db.transaction(() => db.query('SELECT 1'))).rejects.toThrow(/through its tx/);
    expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });
});

describe('openDatabase on a PGlite folder', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'cruddur-db-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('keeps the data across close and reopen, and refuses use after close', async () => {
    const url = `pglite://${path.join(dir, 'pgdata')}`;
    const first = openDatabase({ DATABASE_URL: url });
    await first.query("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
    await first.close();
    await expect(first.query('SELECT 1')).rejects.toThrow(DatabaseClosedError);

    const second = openDatabase({ DATABASE_URL: url });
    try {
      expect((await second.query('SELECT v FROM kept')).rows).toEqual([{ v: 'still here' }]);
    } finally {
      await second.close();
    }
  });

  it('connects lazily and tries again on the next use after a failure', async () => {
    const blocked = path.join(dir, 'not-a-folder');
    await writeFile(blocked, 'a file where the data folder should be');
    const db = openDatabase({ DATABASE_URL: `pglite://${blocked}` });
    try {
      await expect(db.query('SELECT 1')).rejects.toThrow();
      await rm(blocked);
      expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await db.close();
    }
  });
});

describe('pgliteDatabase around a PGlite instance the caller owns', () => {
  it('runs queries through it and leaves it open on close', async () => {
    const { PGlite } = await import('@electric-sql/pglite');
    const pglite = await PGlite.create();
    try {
      const db = await pgliteDatabase(pglite);
      await db.query("CREATE TABLE shared (v text); INSERT INTO shared VALUES ('from the pool')");
      await db.close();
      expect(pglite.closed).toBe(false);
      expect((await pglite.query('SELECT v FROM shared')).rows).toEqual([{ v: 'from the pool' }]);
    } finally {
      await pglite.close();
    }
  });
});
