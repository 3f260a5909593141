import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type LocalStack } from '../../src';
import { MARKER } from '../../src/data-dir';
import { removeDataDir, startTestStack, tempDataDir } from '../helpers/stack';

const WORKSPACE = path.resolve(__dirname, '../../../..');
const START = path.join(WORKSPACE, 'apps/local-stack/bin/start.mjs');
// Every port, the Lambda Invoke API's included: a default port collides with a running `npm start` or another run of these tests.
const ANY_PORT_FLAGS = ['--web-port', '0', '--api-port', '0', '--s3-port', '0', '--cognito-port', '0', '--assets-port', '0', '--lambda-port', '0'];

/** `npm start` as a user runs it, on free ports, without building the page. */
function npmStart(args: string[]) {
  return spawnSync(process.execPath, [START, '--no-build', ...ANY_PORT_FLAGS, ...args], { cwd: WORKSPACE, encoding: 'utf8', timeout: 60_000 });
}

/**
 * Polls `probe` until it returns a value; fails as soon as `child` exits first. No deadline of its
 * own: a loaded machine only makes it slower, and jest's test timeout ends a real hang.
 */
async function waitForEvent<T>(probe: () => T | undefined, child: ChildProcess, what: string, stderr: () => string): Promise<T> {
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${what} exited (${child.exitCode ?? child.signalCode}) before it was ready: ${stderr().trim()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// The folder's rules one by one are unit tests (tests/unit/data-dir.spec.ts); these are the ones
// that need `npm start` itself or a stack killed mid-run.
describe('the data folder, end to end', () => {
  const dirs: string[] = [];
  const dir = () => {
    const made = tempDataDir();
    dirs.push(made);
    return made;
  };
  afterAll(() => dirs.forEach(removeDataDir));

  it('makes `npm start` print one line and exit 2 for a file as --data-dir, no stack trace', () => {
    const file = path.join(dir(), 'notes.txt');
    writeFileSync(file, 'not a folder');
    const result = npmStart(['--data-dir', file]);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(`error: the data folder ${file} is a file, not a folder: pass another --data-dir`);
    expect(readFileSync(file, 'utf8')).toBe('not a folder');
  });

  it('refuses a second `npm start` on a running one, recovers the lock of one killed with SIGKILL, and --reset accepts all it made', async () => {
    const dataDir = dir();
    const child: ChildProcess = spawn(process.execPath, [START, '--no-build', ...ANY_PORT_FLAGS, '--data-dir', dataDir], { cwd: WORKSPACE, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let stack: LocalStack | undefined;
    try {
      // Waits for the child's own announcement, however long a loaded machine takes.
      const described = await waitForEvent(
        () => {
          if (!existsSync(path.join(dataDir, 'stack.json'))) return undefined;
          const lock = JSON.parse(readFileSync(path.join(dataDir, 'stack.lock'), 'utf8')) as { pid: number; urls?: { api: string; s3: string } };
          return lock.urls ? lock : undefined;
        },
        child,
        'the child stack',
        () => stderr,
      );
      const stackPid = (JSON.parse(readFileSync(path.join(dataDir, 'stack.json'), 'utf8')) as { pid: number }).pid;
      expect(described.pid).toBe(stackPid);

      const second = npmStart(['--data-dir', dataDir]);
      expect(second.status).toBe(1);
      const message = second.stderr.trim();
      expect(message.split('\n')).toHaveLength(1);
      expect(message).toContain(`error: the data folder ${dataDir} is in use by another local stack (pid ${stackPid}`);
      expect(message).toContain(`api ${described.urls?.api}`);
      expect(message).toContain(`s3 ${described.urls?.s3}`);

      process.kill(stackPid, 'SIGKILL');
      await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(undefined) : child.once('exit', resolve)));
      // The killed stack left its lock (and its socket) behind: both are taken over.
      expect(existsSync(path.join(dataDir, 'stack.lock'))).toBe(true);
      stack = (await startTestStack(dataDir)).stack;
      expect(JSON.parse(readFileSync(path.join(dataDir, 'stack.lock'), 'utf8'))).toMatchObject({ pid: process.pid });
      expect((await fetch(`${stack.apiUrl}/api/profiles/andrew`)).status).toBe(200);
      await stack.stop();
      expect(existsSync(path.join(dataDir, 'stack.lock'))).toBe(false);

      // Everything two starts made is recorded as the stack's, so --reset takes the folder.
      const owns = (JSON.parse(readFileSync(path.join(dataDir, MARKER), 'utf8')) as { owns: string[] }).owns;
      expect(readdirSync(dataDir).filter((entry) => entry !== MARKER && !owns.includes(entry))).toEqual([]);
      stack = (await startTestStack(dataDir, { reset: true })).stack;
    } finally {
      child.kill('SIGKILL');
      await stack?.stop();
    }
  });
});
