import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { type FaultProxy, startFaultProxy } from '@cruddur/testing/fixtures';
import { photoJpeg } from '@cruddur/testing/images';
import type { LocalStack, StackFile } from '../../src';
import { HANDLER_S3_ENDPOINT_ENV, PAUSE_FUNCTIONS_ENV, RETRY_DELAYS_ENV } from '../../src/test-hooks';
import { removeDataDir, requestUpload, signIn, tempDataDir, waitFor, EVENT_WAIT_MS } from '../helpers/stack';

const WORKSPACE = path.resolve(__dirname, '../../../..');
const MAIN = path.join(WORKSPACE, 'apps/local-stack/src/main.ts');
const ANY_PORT_ENV = Object.fromEntries(['WEB', 'API', 'S3', 'COGNITO', 'ASSETS', 'LAMBDA'].map((name) => [`LOCAL_${name}_PORT`, '0']));

/** `npm start` as a child process on `dataDir`, on free ports; resolves once it wrote a fresh stack.json. */
async function spawnStack(dataDir: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; stack: StackFile; output: () => string }> {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, '--data-dir', dataDir, '--no-build', '--handler-log-level', 'SILENT'], {
    cwd: WORKSPACE,
    env: { ...process.env, ...ANY_PORT_ENV, [RETRY_DELAYS_ENV]: '50,100', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const file = path.join(dataDir, 'stack.json');
  try {
    const stack = await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`the stack exited (${child.exitCode}): ${output}`);
        if (!existsSync(file)) return undefined;
        const content = JSON.parse(readFileSync(file, 'utf8')) as StackFile;
        return content.pid === child.pid ? content : undefined;
      },
      EVENT_WAIT_MS,
      'the stack to start',
    );
    return { child, stack, output: () => output };
  } catch (error) {
    // Nothing to stop for the caller: a child left running keeps jest (and CI) waiting.
    await killed(child, 'SIGKILL');
    throw error;
  }
}

function killed(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function uploadAs(stack: LocalStack, username: string): Promise<{ key: string; version: string }> {
  const user = stack.demoUsers.find((u) => u.username === username)!;
  const { accessToken } = await signIn(stack, user.username, user.password);
  const photo = await photoJpeg({ width: 800, height: 600 });
  const ticket = await requestUpload(stack, accessToken, 'image/jpeg', photo.byteLength);
  const put = await fetch(ticket.url, { method: 'PUT', headers: { 'Content-Type': ticket.headers['Content-Type'] }, body: photo });
  expect(put.status).toBe(200);
  return { key: ticket.key, version: ticket.key.split('/').at(-1)!.replace(/\.jpg$/, '') };
}

async function waitForAvatar(apiUrl: string, handle: string, version: string): Promise<void> {
  await waitFor(
    async () => {
      const answer = (await (await fetch(`${apiUrl}/api/profiles/${handle}`)).json()) as { avatar: { version: string } | null };
      return answer.avatar?.version === version ? true : undefined;
    },
    EVENT_WAIT_MS,
    `the avatar ${version} after the restart`,
  );
}

describe('an upload S3 accepted survives kill -9 of the stack before it was processed', () => {
  const dataDir = tempDataDir();
  const children: ChildProcess[] = [];
  let proxy: FaultProxy | undefined;
  afterAll(async () => {
    for (const child of children) await killed(child, 'SIGKILL');
    await proxy?.close();
    removeDataDir(dataDir);
  });

  it('is journaled before the PUT is answered, and processed on the next start without re-uploading', async () => {
    // The thumbnail is paused: the event is journaled and nothing runs, a window the kill cannot miss.
    const first = await spawnStack(dataDir, { [PAUSE_FUNCTIONS_ENV]: 'thumbnail' });
    children.push(first.child);
    const stack = first.stack as unknown as LocalStack;
    const andrew = stack.demoUsers.find((user) => user.username === 'andrew')!;
    const { accessToken } = await signIn(stack, andrew.username, andrew.password);
    const photo = await photoJpeg({ width: 800, height: 600 });
    const ticket = await requestUpload(stack, accessToken, 'image/jpeg', photo.byteLength);
    const put = await fetch(ticket.url, { method: 'PUT', headers: { 'Content-Type': ticket.headers['Content-Type'] }, body: photo });
    expect(put.status).toBe(200);
    const journal = path.join(dataDir, 'lambda', 'thumbnail', 'pending');
    const entries = readdirSync(journal).filter((name) => name.endsWith('.json'));
    expect(entries).toHaveLength(1);
    expect(readFileSync(path.join(journal, entries[0]!), 'utf8')).toContain(ticket.key.split('/').at(-1)!);

    await killed(first.child, 'SIGKILL');

    const second = await spawnStack(dataDir);
    children.push(second.child);
    const version = ticket.key.split('/').at(-1)!.replace(/\.jpg$/, '');
    await waitFor(
      async () => {
        const answer = (await (await fetch(`${second.stack.apiUrl}/api/profiles/andrew`)).json()) as { avatar: { version: string } | null };
        return answer.avatar?.version === version ? true : undefined;
      },
      EVENT_WAIT_MS,
      'the avatar after the restart',
    );
    expect(second.output()).toContain('resumed 1 invocation(s) accepted before the last stop');
    // The avatar shows once its message is consumed; the thumbnail then still deletes the original before its entry goes.
    await waitFor(async () => (readdirSync(journal).some((name) => name.endsWith('.json')) ? undefined : true), EVENT_WAIT_MS, 'the journal emptied');
    await killed(second.child, 'SIGTERM');
  });

  it('killed mid-render (a rendition PUT in flight, others written): the next start renders it again', async () => {
    // The handlers reach S3 through a proxy that holds the 512 px WebP PUT: the kill lands mid-render.
    const s3Port = await freePort();
    proxy = await startFaultProxy(`http://127.0.0.1:${s3Port}`);
    proxy.inject({ method: 'PUT', path: /^\/cruddur-assets-local\/.*\/512\.webp/, fault: { kind: 'stall' } });
    const first = await spawnStack(dataDir, { LOCAL_S3_PORT: String(s3Port), [HANDLER_S3_ENDPOINT_ENV]: proxy.url });
    children.push(first.child);
    const { version } = await uploadAs(first.stack as unknown as LocalStack, 'alice');
    await waitFor(async () => (proxy!.requests.some((r) => r.fault === 'stall') ? true : undefined), EVENT_WAIT_MS, 'the rendition PUT to stall');
    await killed(first.child, 'SIGKILL');
    const journal = path.join(dataDir, 'lambda', 'thumbnail', 'pending');
    expect(readdirSync(journal).filter((name) => name.endsWith('.json'))).toHaveLength(1);

    const second = await spawnStack(dataDir);
    children.push(second.child);
    await waitForAvatar(second.stack.apiUrl, 'alice', version);
    expect(second.output()).toContain('resumed 1 invocation(s) accepted before the last stop');
    // The avatar shows once its message is consumed; the thumbnail then still deletes the original before its entry goes.
    await waitFor(async () => (readdirSync(journal).some((name) => name.endsWith('.json')) ? undefined : true), EVENT_WAIT_MS, 'the journal emptied');
    await killed(second.child, 'SIGTERM');
  });
});
