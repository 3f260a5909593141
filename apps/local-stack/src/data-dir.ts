import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { processAlive } from '@cruddur/local/lambda-invoker';
import { DataDirInUseError, UsageError } from './errors';
import { STACK_FILE_PARTIAL_SUFFIX } from './stack-file';

/** The file that marks a folder as a local stack's, and lists what in it the stack made. */
export const MARKER = '.cruddur-local-stack';
/** Held while a stack runs on the folder: its pid and, once started, its URLs. */
export const LOCK_FILE = 'stack.lock';

/**
 * What every stack makes in its data folder, whatever it records at start: a part that writes a
 * new entry lazily (after the start) must be named here, or `--reset` will refuse the folder.
 */
export const STACK_ENTRIES: readonly string[] = Object.freeze(['cognito', 's3', 's3.sock', 'db', 'lambda', 'stack.json', `stack.json${STACK_FILE_PARTIAL_SUFFIX}`]);

interface MarkerFile {
  about: string;
  /** Entries of the folder the stack made (files or folders), which `--reset` deletes. */
  owns: string[];
}

/** What the lock file tells a second stack about the running one. */
interface LockHolder {
  pid: number;
  startedAt: string;
  urls?: Record<string, string>;
}

const ABOUT = 'Data of `npm start` (apps/local-stack). `npm start -- --reset` deletes what `owns` lists, nothing else.';

/**
 * Refuses a data folder that is a file, or lies under one, with a one-line message.
 *
 * @throws UsageError
 *
 * @example
 * assertUsableDataDir('/tmp/x'); // passes for a folder or a path that does not exist yet
 */
export function assertUsableDataDir(dataDir: string): void {
  try {
    if (!statSync(dataDir).isDirectory()) throw new UsageError(`the data folder ${dataDir} is a file, not a folder: pass another --data-dir`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code === 'ENOTDIR') throw new UsageError(`the data folder ${dataDir} lies under a file, not a folder: pass another --data-dir`, { cause: error });
    throw error;
  }
}

function readMarker(dataDir: string): MarkerFile | undefined {
  const file = path.join(dataDir, MARKER);
  if (!existsSync(file)) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<MarkerFile>;
    if (Array.isArray(parsed.owns) && parsed.owns.every((entry) => typeof entry === 'string')) return { about: ABOUT, owns: parsed.owns };
  } catch {
    // A marker of an older stack (plain text): it made the standard entries only.
  }
  return { about: ABOUT, owns: [...STACK_ENTRIES] };
}

function writeMarker(dataDir: string, owns: Iterable<string>): void {
  const content: MarkerFile = { about: ABOUT, owns: [...new Set([...STACK_ENTRIES, ...owns])].sort() };
  writeFileSync(path.join(dataDir, MARKER), `${JSON.stringify(content, null, 2)}\n`);
}

/** Entries of the folder the stack did not make (its marker and lock aside). */
function foreignEntries(dataDir: string, owns: readonly string[]): string[] {
  const own = new Set([...owns, MARKER, LOCK_FILE]);
  return readdirSync(dataDir).filter((entry) => !own.has(entry));
}

function listed(entries: readonly string[]): string {
  return entries.length > 5 ? `${entries.slice(0, 5).join(', ')} and ${entries.length - 5} more` : entries.join(', ');
}

/**
 * Refuses, before anything is written in it, a folder that is neither new, empty nor the stack's.
 *
 * @throws UsageError naming some of the files that are not the stack's
 *
 * @example
 * assertStackDataDir('.local', { reset: false });
 */
export function assertStackDataDir(dataDir: string, options: { reset: boolean }): void {
  if (!existsSync(dataDir) || readMarker(dataDir)) return;
  const foreign = foreignEntries(dataDir, []);
  if (foreign.length === 0) return;
  throw new UsageError(
    options.reset
      ? `refusing to reset ${dataDir}: it is not a local stack data folder (no ${MARKER} in it)`
      : `refusing to use ${dataDir}: it holds files the local stack did not make (${listed(foreign)}); pass an empty or new --data-dir`,
  );
}

/**
 * Makes `dataDir` the stack's: a new or empty folder is marked; a marked one is taken as it is;
 * a folder with other files is refused, so that nothing of the user's is ever marked as the stack's.
 * Returns the entries present now, to tell later which ones the start made.
 *
 * @throws UsageError for a folder that is not the stack's and not empty
 *
 * @example
 * const before = claimDataDir(dataDir);
 */
export function claimDataDir(dataDir: string): Set<string> {
  const marker = readMarker(dataDir);
  if (!marker) {
    const foreign = foreignEntries(dataDir, []);
    if (foreign.length > 0) {
      throw new UsageError(`refusing to use ${dataDir}: it holds files the local stack did not make (${listed(foreign)}); pass an empty or new --data-dir`);
    }
    writeMarker(dataDir, []);
  }
  return new Set(readdirSync(dataDir));
}

/**
 * Adds what appeared in the folder since `before` (the parts' own files) to the marker's list.
 *
 * @example
 * recordStackEntries(dataDir, before);
 */
export function recordStackEntries(dataDir: string, before: ReadonlySet<string>): void {
  const marker = readMarker(dataDir);
  const made = readdirSync(dataDir).filter((entry) => !before.has(entry) && entry !== MARKER && entry !== LOCK_FILE);
  writeMarker(dataDir, [...(marker?.owns ?? []), ...made]);
}

/**
 * Deletes what the stack made in `dataDir`, and nothing else: a folder without the marker, or
 * with files the stack did not make, is refused and left as it is.
 *
 * @throws UsageError naming the files that are not the stack's
 *
 * @example
 * resetDataDir('.local');
 */
export function resetDataDir(dataDir: string): void {
  if (!existsSync(dataDir)) return;
  const marker = readMarker(dataDir);
  if (!marker) {
    const foreign = foreignEntries(dataDir, []);
    if (foreign.length === 0) return;
    throw new UsageError(`refusing to reset ${dataDir}: it is not a local stack data folder (no ${MARKER} in it)`);
  }
  const foreign = foreignEntries(dataDir, marker.owns);
  if (foreign.length > 0) {
    throw new UsageError(`refusing to reset ${dataDir}: it holds files the local stack did not make (${listed(foreign)}); move them out first`);
  }
  for (const entry of marker.owns) rmSync(path.join(dataDir, entry), { recursive: true, force: true });
  writeMarker(dataDir, []);
}

function readLock(file: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    return typeof holder.pid === 'number' && Number.isInteger(holder.pid) && holder.pid > 0
      ? { pid: holder.pid, startedAt: String(holder.startedAt ?? ''), ...(holder.urls ? { urls: holder.urls } : {}) }
      : undefined;
  } catch {
    return undefined;
  }
}

/** The lock a running stack holds on its data folder. */
export interface DataDirLock {
  /** Adds the running stack's URLs, for the message a second stack prints. */
  describe(urls: Record<string, string>): void;
  release(): void;
}

/**
 * Takes the folder's lock, or fails naming the stack that holds it. A lock whose process is gone
 * (killed, crashed) is stale: it is taken over.
 *
 * @throws DataDirInUseError when a live process holds the lock
 *
 * @example
 * const lock = lockDataDir(dataDir);
 * lock.describe({ web: 'http://localhost:5173' });
 * lock.release();
 */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const holder: LockHolder = { pid: process.pid, startedAt: new Date().toISOString() };
  for (let attempt = 0; ; attempt += 1) {
    let fd: number;
    try {
      fd = openSync(file, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) {
        const running = readLock(file);
        if (running) throw new DataDirInUseError(dataDir, running);
        throw error;
      }
      const running = readLock(file);
      if (running && processAlive(running.pid)) throw new DataDirInUseError(dataDir, running);
      // Stale (its process is gone) or unreadable (a start killed while writing it): taken over.
      rmSync(file, { force: true });
      continue;
    }
    writeSync(fd, `${JSON.stringify(holder)}\n`);
    closeSync(fd);
    break;
  }
  let released = false;
  return {
    describe: (urls) => {
      if (!released) writeFileSync(file, `${JSON.stringify({ ...holder, urls })}\n`);
    },
    release: () => {
      if (released) return;
      released = true;
      if (readLock(file)?.pid === process.pid) rmSync(file, { force: true });
    },
  };
}
