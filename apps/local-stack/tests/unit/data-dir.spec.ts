import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DataDirInUseError, UsageError } from '../../src';
import { LOCK_FILE, MARKER, STACK_ENTRIES, assertStackDataDir, assertUsableDataDir, claimDataDir, lockDataDir, recordStackEntries, resetDataDir } from '../../src/data-dir';
import { removeDataDir, tempDataDir } from '../helpers/stack';

// The data folder's rules, in-process: what `npm start`, `--reset` and a second stack may do to a
// folder. The stack starts that show the same rules end to end are in tests/integration/data-dir.spec.ts.

/** A pid no process has: above Linux's largest (pid_max is at most 2^22). */
const GONE_PID = 2 ** 22 + 17;

describe('the data folder', () => {
  const dirs: string[] = [];
  const dir = () => {
    const made = tempDataDir();
    dirs.push(made);
    return made;
  };
  afterAll(() => dirs.forEach(removeDataDir));

  /** What a started stack leaves: the marker, its parts' folders, and one lazily made part recorded. */
  function stackFolder(): string {
    const dataDir = dir();
    const before = claimDataDir(dataDir);
    for (const part of ['cognito', 's3', 'db']) mkdirSync(path.join(dataDir, part));
    writeFileSync(path.join(dataDir, 'db', 'PG_VERSION'), '17');
    mkdirSync(path.join(dataDir, 'web-cache'));
    recordStackEntries(dataDir, before);
    return dataDir;
  }

  const marker = (dataDir: string) => JSON.parse(readFileSync(path.join(dataDir, MARKER), 'utf8')) as { owns: string[] };

  describe('assertUsableDataDir', () => {
    it('passes a folder and a path that does not exist yet', () => {
      expect(() => assertUsableDataDir(dir())).not.toThrow();
      expect(() => assertUsableDataDir(path.join(dir(), 'new', 'deeper'))).not.toThrow();
    });

    it.each([
      ['a file', (file: string) => file, 'is a file, not a folder'],
      ['a path under a file', (file: string) => path.join(file, 'data'), 'lies under a file, not a folder'],
    ])('refuses %s in one line naming it', (_, dataDirOf, what) => {
      const file = path.join(dir(), 'notes.txt');
      writeFileSync(file, 'not a folder');
      const dataDir = dataDirOf(file);
      expect(() => assertUsableDataDir(dataDir)).toThrow(UsageError);
      expect(() => assertUsableDataDir(dataDir)).toThrow(`the data folder ${dataDir} ${what}: pass another --data-dir`);
      expect(readFileSync(file, 'utf8')).toBe('not a folder');
    });
  });

  describe('claimDataDir and recordStackEntries', () => {
    it('marks a new folder with what every stack makes, and adds what the start made', () => {
      const dataDir = stackFolder();
      expect(marker(dataDir).owns).toEqual([...new Set([...STACK_ENTRIES, 'web-cache'])].sort());
      expect(marker(dataDir).owns).toEqual(expect.arrayContaining(['cognito', 'db', 's3']));
    });

    it('takes a marked folder as it is, keeping what it recorded before', () => {
      const dataDir = stackFolder();
      const before = claimDataDir(dataDir);
      expect(before.has('web-cache')).toBe(true);
      recordStackEntries(dataDir, before);
      expect(marker(dataDir).owns).toContain('web-cache');
    });

    it('refuses a folder of someone else’s files, and writes nothing in it', () => {
      const foreign = dir();
      writeFileSync(path.join(foreign, 'thesis.tex'), 'precious');
      expect(() => claimDataDir(foreign)).toThrow(`refusing to use ${foreign}: it holds files the local stack did not make (thesis.tex); pass an empty or new --data-dir`);
      expect(readdirSync(foreign)).toEqual(['thesis.tex']);
    });

    it('names five of many foreign files and counts the rest', () => {
      const foreign = dir();
      for (let i = 0; i < 8; i += 1) writeFileSync(path.join(foreign, `f${i}`), '');
      expect(() => claimDataDir(foreign)).toThrow('(f0, f1, f2, f3, f4 and 3 more)');
    });

    it('reads an older plain-text marker as the standard entries', () => {
      const dataDir = dir();
      writeFileSync(path.join(dataDir, MARKER), 'made by npm start');
      mkdirSync(path.join(dataDir, 'db'));
      claimDataDir(dataDir);
      resetDataDir(dataDir);
      expect(readdirSync(dataDir)).toEqual([MARKER]);
    });
  });

  describe('assertStackDataDir (before anything is written)', () => {
    it('passes a new, an empty and a stack’s folder, with or without --reset', () => {
      for (const reset of [true, false]) {
        expect(() => assertStackDataDir(path.join(dir(), 'new'), { reset })).not.toThrow();
        expect(() => assertStackDataDir(dir(), { reset })).not.toThrow();
        expect(() => assertStackDataDir(stackFolder(), { reset })).not.toThrow();
      }
    });

    it('refuses a folder that is not a stack’s, saying why for --reset', () => {
      const foreign = dir();
      writeFileSync(path.join(foreign, 'thesis.tex'), 'precious');
      expect(() => assertStackDataDir(foreign, { reset: true })).toThrow(`refusing to reset ${foreign}: it is not a local stack data folder (no ${MARKER} in it)`);
      expect(() => assertStackDataDir(foreign, { reset: false })).toThrow(`refusing to use ${foreign}: it holds files the local stack did not make (thesis.tex)`);
      expect(readdirSync(foreign)).toEqual(['thesis.tex']);
    });
  });

  describe('resetDataDir (--reset)', () => {
    it('deletes only what the stack made, and refuses while the user’s files are in it', () => {
      const dataDir = stackFolder();
      writeFileSync(path.join(dataDir, 'notes.txt'), 'mine');
      mkdirSync(path.join(dataDir, 'photos'));
      expect(() => resetDataDir(dataDir)).toThrow(UsageError);
      expect(() => resetDataDir(dataDir)).toThrow(`refusing to reset ${dataDir}: it holds files the local stack did not make (notes.txt, photos); move them out first`);
      expect(readFileSync(path.join(dataDir, 'notes.txt'), 'utf8')).toBe('mine');
      expect(existsSync(path.join(dataDir, 'db', 'PG_VERSION'))).toBe(true);

      removeDataDir(path.join(dataDir, 'notes.txt'));
      removeDataDir(path.join(dataDir, 'photos'));
      resetDataDir(dataDir);
      expect(readdirSync(dataDir)).toEqual([MARKER]);
      expect(marker(dataDir).owns).toEqual([...STACK_ENTRIES].sort());
    });

    it('leaves a missing or empty folder alone and refuses an unmarked one with files', () => {
      expect(() => resetDataDir(path.join(dir(), 'new'))).not.toThrow();
      const empty = dir();
      resetDataDir(empty);
      expect(readdirSync(empty)).toEqual([]);
      const foreign = dir();
      writeFileSync(path.join(foreign, 'thesis.tex'), 'precious');
      expect(() => resetDataDir(foreign)).toThrow(`refusing to reset ${foreign}: it is not a local stack data folder`);
      expect(readdirSync(foreign)).toEqual(['thesis.tex']);
    });
  });

  describe('lockDataDir (one stack per folder)', () => {
    it('refuses a second lock while the first is held, naming the holder and its URLs', () => {
      const dataDir = dir();
      const lock = lockDataDir(dataDir);
      lock.describe({ api: 'http://127.0.0.1:4000' });
      expect(() => lockDataDir(dataDir)).toThrow(DataDirInUseError);
      expect(() => lockDataDir(dataDir)).toThrow(`in use by another local stack (pid ${process.pid}`);
      expect(() => lockDataDir(dataDir)).toThrow('api http://127.0.0.1:4000');
      expect(JSON.parse(readFileSync(path.join(dataDir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, urls: { api: 'http://127.0.0.1:4000' } });
      lock.release();
    });

    it('lets the folder go on release, once, and never removes another holder’s lock', () => {
      const dataDir = dir();
      const first = lockDataDir(dataDir);
      first.release();
      expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
      const second = lockDataDir(dataDir);
      first.release();
      first.describe({ api: 'http://stale' });
      expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(true);
      expect(readFileSync(path.join(dataDir, LOCK_FILE), 'utf8')).not.toContain('http://stale');
      second.release();
    });

    it('takes over the lock of a process that is gone (killed with SIGKILL), and an unreadable one', () => {
      for (const stale of [JSON.stringify({ pid: GONE_PID, startedAt: '2026-01-01T00:00:00Z', urls: { api: 'http://gone' } }), '{"pid":']) {
        const dataDir = dir();
        writeFileSync(path.join(dataDir, LOCK_FILE), stale);
        const lock = lockDataDir(dataDir);
        expect(JSON.parse(readFileSync(path.join(dataDir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
        lock.release();
      }
    });

    it('makes the folder when it does not exist yet', () => {
      const dataDir = path.join(dir(), 'new');
      lockDataDir(dataDir).release();
      expect(existsSync(dataDir)).toBe(true);
    });
  });
});
