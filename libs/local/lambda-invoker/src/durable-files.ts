import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { mkdir, open, rename } from 'node:fs/promises';
import path from 'node:path';

/** Entries whose names start with a dot are in-progress writes or claims, never records. */
export const HIDDEN_PREFIX = '.';

/**
 * A record id that sorts by creation time and never collides across processes.
 *
 * @example
 * recordId(); // '0001764578400000-3f2a9c1e'
 */
export function recordId(now: number = Date.now()): string {
  return `${String(now).padStart(16, '0')}-${randomUUID().slice(0, 8)}`;
}

function fsyncDirectory(directory: string): void {
  // Makes the rename itself durable; some platforms cannot open a directory, and then the rename is what we have.
  let fd: number | undefined;
  try {
    fd = openSync(directory, 'r');
    fsyncSync(fd);
  } catch {
    // best effort
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Writes `content` to `directory/name` so that a reader (or a restart after `kill -9`) sees either
 * nothing or the whole file: written and fsynced under a hidden name, then renamed into place.
 *
 * @example
 * writeFileDurably('.local/lambda/thumbnail/pending', '0001-ab.json', JSON.stringify(entry));
 */
export function writeFileDurably(directory: string, name: string, content: string): void {
  mkdirSync(directory, { recursive: true });
  const temporary = path.join(directory, `${HIDDEN_PREFIX}${name}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`);
  const fd = openSync(temporary, 'wx');
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path.join(directory, name));
  fsyncDirectory(directory);
}

async function fsyncDirectoryAsync(directory: string): Promise<void> {
  let handle;
  try {
    handle = await open(directory, 'r');
    await handle.sync();
  } catch {
    // best effort, as in fsyncDirectory
  } finally {
    await handle?.close();
  }
}

/**
 * {@link writeFileDurably} on libuv's threads: the same guarantee once it resolves, without
 * holding the event loop through two fsyncs (the stack's S3 front and handlers share that loop).
 *
 * @example
 * await writeFileDurablyAsync('.local/lambda/thumbnail/pending', '0001-ab.json', JSON.stringify(entry));
 */
export async function writeFileDurablyAsync(directory: string, name: string, content: string): Promise<void> {
  await mkdir(directory, { recursive: true });
  const temporary = path.join(directory, `${HIDDEN_PREFIX}${name}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`);
  const handle = await open(temporary, 'wx');
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path.join(directory, name));
  await fsyncDirectoryAsync(directory);
}
