import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DataDirInUseError, type LocalStack, UsageError } from '../../src';
import { removeDataDir, startTestStack, tempDataDir, waitFor } from '../helpers/stack';

const WORKSPACE = path.resolve(__dirname, '../../../..');
const START = path.join(WORKSPACE, 'apps/local-stack/bin/start.mjs');
const ANY_PORT_FLAGS = ['--web-port', '0', '--api-port', '0', '--s3-port', '0', '--cognito-port', '0', '--assets-port', '0'];

/** `npm start` as a user runs it, on free ports, without building the page. */
function npmStart(args: string[]) {
  return spawnSync(process.execPath, [START, '--no-build', ...ANY_PORT_FLAGS, ...args], { cwd: WORKSPACE, encoding: 'utf8', timeout: 60_000 });
}

describe('the data folder', () => {
  const dirs: string[] = [];
  const dir = () => {
    const made = tempDataDir();
    dirs.push(made);
    return made;
  };
  afterAll(() => dirs.forEach(removeDataDir));

  describe('--data-dir pointing at a file', () => {
    it.each([
      ['a file', (file: string) => file, 'is a file, not a folder'],
      ['a path under a file', (file: string) => path.join(file, 'data'), 'lies under a file, not a folder'],
    ])('makes `npm start` print one line and exit 2 for %s, no stack trace', (_, dataDirOf, what) => {
      const file = path.join(dir(), 'notes.txt');
      writeFileSync(file, 'not a folder');
      const dataDir = dataDirOf(file);
      const result = npmStart(['--data-dir', dataDir]);
      expect(result.status).toBe(2);
      expect(result.stderr.trim()).toBe(`error: the data folder ${dataDir} ${what}: pass another --data-dir`);
      expect(readFileSync(file, 'utf8')).toBe('not a folder');
    });
  });

  describe('one stack per data folder', () => {
    const dataDir = tempDataDir();
    let stack: LocalStack;
    beforeAll(async () => {
      dirs.push(dataDir);
      stack = (await startTestStack(dataDir)).stack;
    });
    afterAll(() => stack?.stop());

    it('refuses a second stack in the same process, naming the running one', async () => {
      const second = startTestStack(dataDir);
      await expect(second).rejects.toThrow(DataDirInUseError);
      await expect(second).rejects.toThrow(`in use by another local stack (pid ${process.pid}`);
      await expect(second).rejects.toThrow(stack.webUrl);
      // The running stack keeps working, its lock in place.
      expect((await fetch(`${stack.apiUrl}/api/profiles/andrew`)).status).toBe(200);
      expect(JSON.parse(readFileSync(path.join(dataDir, 'stack.lock'), 'utf8'))).toMatchObject({ pid: process.pid, urls: { api: stack.apiUrl } });
    });

    it('makes a second `npm start` exit 1 with a message naming the running one (pid, ports)', () => {
      const result = npmStart(['--data-dir', dataDir]);
      expect(result.status).toBe(1);
      const message = result.stderr.trim();
      expect(message.split('\n')).toHaveLength(1);
      expect(message).toContain(`error: the data folder ${dataDir} is in use by another local stack (pid ${process.pid}`);
      expect(message).toContain(`api ${stack.apiUrl}`);
      expect(message).toContain(`s3 ${stack.s3Url}`);
    });

    it('lets the lock go when the stack stops', async () => {
      await stack.stop();
      expect(existsSync(path.join(dataDir, 'stack.lock'))).toBe(false);
      stack = (await startTestStack(dataDir)).stack;
    });
  });

  it('recovers the stale lock of a stack killed with SIGKILL', async () => {
    const dataDir = dir();
    const child: ChildProcess = spawn(process.execPath, [START, '--no-build', ...ANY_PORT_FLAGS, '--data-dir', dataDir], { cwd: WORKSPACE, stdio: 'ignore' });
    let stack: LocalStack | undefined;
    try {
      const described = await waitFor(
        async () => {
          if (!existsSync(path.join(dataDir, 'stack.json'))) return undefined;
          const lock = JSON.parse(readFileSync(path.join(dataDir, 'stack.lock'), 'utf8')) as { pid: number; urls?: unknown };
          return lock.urls ? lock : undefined;
        },
        90_000,
        'the child stack',
      );
      const stackPid = (JSON.parse(readFileSync(path.join(dataDir, 'stack.json'), 'utf8')) as { pid: number }).pid;
      expect(described.pid).toBe(stackPid);
      process.kill(stackPid, 'SIGKILL');
      await waitFor(async () => (child.exitCode !== null || child.signalCode !== null ? true : undefined), 30_000, 'npm start to exit');
      // The killed stack left its lock (and its socket) behind: both are taken over.
      expect(existsSync(path.join(dataDir, 'stack.lock'))).toBe(true);
      stack = (await startTestStack(dataDir)).stack;
      expect(JSON.parse(readFileSync(path.join(dataDir, 'stack.lock'), 'utf8'))).toMatchObject({ pid: process.pid });
      expect((await fetch(`${stack.apiUrl}/api/profiles/andrew`)).status).toBe(200);
    } finally {
      child.kill('SIGKILL');
      await stack?.stop();
    }
  }, 150_000);

  describe('--reset', () => {
    it('deletes only what the stack made, and refuses a folder where the user put a file', async () => {
      const dataDir = dir();
      await (await startTestStack(dataDir)).stack.stop();
      const made = readdirSync(dataDir).sort();
      expect(made).toEqual(expect.arrayContaining(['.cruddur-local-stack', 'cognito', 'db', 's3']));
      const marker = JSON.parse(readFileSync(path.join(dataDir, '.cruddur-local-stack'), 'utf8')) as { owns: string[] };
      expect(marker.owns).toEqual(expect.arrayContaining(['cognito', 'db', 's3']));

      writeFileSync(path.join(dataDir, 'notes.txt'), 'mine');
      mkdirSync(path.join(dataDir, 'photos'));
      const refused = startTestStack(dataDir, { reset: true });
      await expect(refused).rejects.toThrow(UsageError);
      await expect(refused).rejects.toThrow(`refusing to reset ${dataDir}: it holds files the local stack did not make (notes.txt, photos)`);
      expect(readFileSync(path.join(dataDir, 'notes.txt'), 'utf8')).toBe('mine');
      expect(readdirSync(dataDir).sort()).toEqual([...made, 'notes.txt', 'photos'].sort());

      removeDataDir(path.join(dataDir, 'notes.txt'));
      removeDataDir(path.join(dataDir, 'photos'));
      const db = readdirSync(path.join(dataDir, 'db'));
      expect(db.length).toBeGreaterThan(0);
      const stack = (await startTestStack(dataDir, { reset: true })).stack;
      await stack.stop();
    });

    it('is refused on a folder that is not a stack’s, which keeps its files and gets no marker or lock', async () => {
      const foreign = dir();
      writeFileSync(path.join(foreign, 'thesis.tex'), 'precious');
      for (const reset of [true, false]) {
        await expect(startTestStack(foreign, { reset })).rejects.toThrow(UsageError);
        expect(readdirSync(foreign)).toEqual(['thesis.tex']);
      }
    });
  });
});
