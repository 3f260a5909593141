import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { photoJpeg } from '@cruddur/testing/images';
import { type LocalStack, PortInUseError, UsageError } from '../../src';
import { type TestStack, removeDataDir, requestUpload, signIn, startTestStack, tempDataDir, waitFor, EVENT_WAIT_MS } from '../helpers/stack';

const WORKSPACE = path.resolve(__dirname, '../../../..');

interface ProfileAnswer {
  handle: string;
  display_name: string;
  bio: string;
  avatar: { version: string; url: string; urls: Record<string, { webp: string; jpeg: string }> } | null;
}

async function publicProfile(stack: LocalStack, handle: string): Promise<ProfileAnswer> {
  const response = await fetch(`${stack.apiUrl}/api/profiles/${handle}`);
  expect(response.status).toBe(200);
  return (await response.json()) as ProfileAnswer;
}

// The flows on a running stack are the e2e project's (apps/e2e, one shared stack); these need a stack
// of their own: stopped and started again on its data folder, reset, or refused a port.
describe('the local stack across restarts, resets and taken ports', () => {
  const dataDir = tempDataDir();
  let running: TestStack;
  let stack: LocalStack;
  let andrew: { username: string; password: string };
  let token: string;

  beforeAll(async () => {
    running = await startTestStack(dataDir);
    stack = running.stack;
    andrew = stack.demoUsers.find((user) => user.username === 'andrew')!;
    token = (await signIn(stack, andrew.username, andrew.password)).accessToken;
  });
  afterAll(async () => {
    await stack?.stop();
    removeDataDir(dataDir);
  });

  it('has an avatar and an edited profile to keep', async () => {
    const photo = await photoJpeg({ width: 500, height: 500 });
    const ticket = await requestUpload(stack, token, 'image/jpeg', photo.byteLength);
    expect((await fetch(ticket.url, { method: 'PUT', headers: { 'Content-Type': ticket.headers['Content-Type'] }, body: photo })).status).toBe(200);
    await waitFor(async () => ((await publicProfile(stack, 'andrew')).avatar?.version === ticket.uploadId ? true : undefined), EVENT_WAIT_MS, 'the avatar on the profile');
    const response = await fetch(`${stack.apiUrl}/api/profile/update`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Origin: stack.webUrl },
      body: JSON.stringify({ display_name: 'Andrew B.', bio: 'Kept across restarts' }),
    });
    expect(response.status).toBe(200);
  });

  it('keeps users, objects and the database across a restart', async () => {
    const before = await publicProfile(stack, 'andrew');
    const poolId = stack.cognito.userPoolId;
    await stack.stop();

    running = await startTestStack(dataDir);
    stack = running.stack;
    expect(stack.cognito.userPoolId).toBe(poolId);
    const after = await publicProfile(stack, 'andrew');
    expect(after.bio).toBe('Kept across restarts');
    expect(after.avatar?.version).toBe(before.avatar?.version);
    // Asset URLs carry the assets origin, whose port changed with the restart.
    const image = await fetch(after.avatar!.url);
    expect(image.status).toBe(200);
    token = (await signIn(stack, andrew.username, andrew.password)).accessToken;
    expect((await fetch(`${stack.apiUrl}/api/profile`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  it('--reset wipes its own data folder, and refuses to wipe any other', async () => {
    const { existsSync, writeFileSync } = await import('node:fs');
    const foreign = tempDataDir();
    writeFileSync(path.join(foreign, 'thesis.tex'), 'precious');
    try {
      await expect(startTestStack(foreign, { reset: true })).rejects.toThrow(UsageError);
      expect(existsSync(path.join(foreign, 'thesis.tex'))).toBe(true);
    } finally {
      removeDataDir(foreign);
    }
    await stack.stop();
    running = await startTestStack(dataDir, { reset: true });
    stack = running.stack;
    const fresh = await publicProfile(stack, 'andrew');
    expect([fresh.bio, fresh.avatar]).toEqual(['', null]);
  });

  describe('a port in use', () => {
    let busy: ReturnType<typeof createServer>;
    let port: number;
    beforeAll(async () => {
      busy = createServer();
      await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
      port = (busy.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((resolve) => busy.close(() => resolve())));

    it('fails startLocalStack with PortInUseError and leaves nothing running', async () => {
      const dir = tempDataDir();
      try {
        await expect(startTestStack(dir, { ports: { web: 0, api: port, s3: 0, cognito: 0, assets: 0 } })).rejects.toThrow(PortInUseError);
      } finally {
        removeDataDir(dir);
      }
    });

    it('makes `npm start` print one line and exit 1', () => {
      const dir = tempDataDir();
      try {
        const result = spawnSync(
          process.execPath,
          [path.join(WORKSPACE, 'apps/local-stack/bin/start.mjs'), '--data-dir', dir, '--no-build', '--web-port', '0', '--api-port', String(port), '--s3-port', '0', '--cognito-port', '0', '--assets-port', '0', '--lambda-port', '0'],
          { cwd: WORKSPACE, encoding: 'utf8', timeout: 30_000 },
        );
        expect(result.status).toBe(1);
        expect(result.stderr.trim()).toBe(
          `error: port ${port} (api) is already in use: stop what uses it, or pick another port with --api-port`,
        );
      } finally {
        removeDataDir(dir);
      }
    });
  });
});
