import { readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { s3EventRecord } from '@cruddur/shared/lambda-events';
import { type FaultProxy, startFaultProxy } from '@cruddur/testing/fixtures';
import { photoJpeg } from '@cruddur/testing/images';
import type { LocalStack } from '../../src';
import { runRedrive } from '../helpers/redrive';
import { type TestStack, removeDataDir, requestUpload, signIn, startTestStack, tempDataDir, waitFor, EVENT_WAIT_MS } from '../helpers/stack';

// Faults at the network edge: a proxy between the real handlers and the S3 front (s3rver behind it).
describe('the local stack survives S3 faults: retried, or parked and replayed; never lost, never an older avatar', () => {
  const dataDir = tempDataDir();
  let running: TestStack;
  let stack: LocalStack;
  let proxy: FaultProxy;
  let token: string;

  beforeAll(async () => {
    running = await startTestStack(dataDir, {
      handlerS3Endpoint: async (frontUrl) => (proxy = await startFaultProxy(frontUrl)).url,
    });
    stack = running.stack;
    const andrew = stack.demoUsers.find((user) => user.username === 'andrew')!;
    token = (await signIn(stack, andrew.username, andrew.password)).accessToken;
  });
  afterAll(async () => {
    await stack?.stop();
    await proxy?.close();
    removeDataDir(dataDir);
  });
  afterEach(() => proxy.heal());

  const avatarVersion = async () => {
    const response = await fetch(`${stack.apiUrl}/api/profiles/andrew`);
    return ((await response.json()) as { avatar: { version: string } | null }).avatar?.version;
  };
  const waitForVersion = (version: string) => waitFor(async () => ((await avatarVersion()) === version ? version : undefined), EVENT_WAIT_MS, `avatar ${version}`);
  const dlqIds = (fn: string) => readdirSync(path.join(dataDir, 'lambda', fn, 'dlq')).filter((name) => name.endsWith('.json'));
  const pending = (fn: string) => readdirSync(path.join(dataDir, 'lambda', fn, 'pending')).filter((name) => name.endsWith('.json'));

  async function upload(): Promise<{ key: string; version: string; size: number }> {
    const photo = await photoJpeg({ width: 640, height: 480 });
    const ticket = await requestUpload(stack, token, 'image/jpeg', photo.byteLength);
    const put = await fetch(ticket.url, { method: 'PUT', headers: { 'Content-Type': ticket.headers['Content-Type'] }, body: photo });
    expect(put.status).toBe(200);
    return { key: ticket.key, version: ticket.key.split('/').at(-1)!.replace(/\.jpg$/, ''), size: photo.byteLength };
  }

  it('S3 answering 503 to every GET of the upload in one invocation: Lambda’s retry processes it', async () => {
    // Three 503s: all of the SDK's attempts in the first invocation.
    proxy.inject({ method: 'GET', path: /^\/cruddur-uploads-local\//, fault: { kind: 'status', status: 503 }, times: 3 });
    const { version, key } = await upload();
    await waitForVersion(version);
    expect(running.lines.some((line) => line.includes(key) && line.includes('failed (attempt 1 of 3)'))).toBe(true);
    // The avatar shows once its message is consumed; the invocation ends after it deleted the original.
    await waitFor(async () => (running.lines.some((line) => line.includes(key) && /done in \d+ ms \(attempt 2\)/.test(line)) ? true : undefined), EVENT_WAIT_MS, 'the second attempt done');
  });

  it('a GET that stalls ends by the client’s timeout and is retried', async () => {
    proxy.inject({ method: 'GET', path: /^\/cruddur-uploads-local\//, fault: { kind: 'stall' }, times: 1 });
    const { version } = await upload();
    await waitForVersion(version);
    expect(proxy.requests.some((r) => r.fault === 'stall')).toBe(true);
  });

  it('a rendition PUT that keeps failing (half the renditions written): parked with its reason, replayed by tools/redrive once S3 is back', async () => {
    const before = await avatarVersion();
    proxy.inject({ method: 'PUT', path: /^\/cruddur-assets-local\/.*\/512\.webp/, fault: { kind: 'status', status: 500 } });
    const { version, key } = await upload();
    await waitFor(async () => (dlqIds('thumbnail').length === 1 ? true : undefined), EVENT_WAIT_MS, 'the parked event');
    expect(pending('thumbnail')).toEqual([]);
    expect(await avatarVersion()).toBe(before);
    // The other renditions were written: the failure was half-way.
    expect(proxy.requests.some((r) => r.method === 'PUT' && r.path.includes('/128.webp') && r.status === 200)).toBe(true);

    const dry = await runRedrive(['--local', dataDir, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.output).toMatch(/would replay \S+ \(RetriesExhausted, Unhandled: 1 of 1 uploads failed\)/);
    expect(dlqIds('thumbnail')).toHaveLength(1);

    // Still failing: the replay fails and the record stays.
    const failing = await runRedrive(['--local', dataDir]);
    expect(failing.code).toBe(1);
    expect(failing.output).toContain('(kept in the queue)');
    expect(dlqIds('thumbnail')).toHaveLength(1);

    proxy.heal();
    const healed = await runRedrive(['--local', dataDir, '--max', '5']);
    expect(healed.code).toBe(0);
    expect(healed.output).toContain('1 replayed, 0 failed');
    expect(dlqIds('thumbnail')).toEqual([]);
    await waitForVersion(version);
    expect(running.lines.some((line) => line.includes(key) && line.includes('parked in the dead-letter queue'))).toBe(true);
  });

  it('the "avatar processed" publish fails (the topic cannot store it): the thumbnail is retried, parked, and replayed once the topic is back', async () => {
    const before = await avatarVersion();
    // The earlier tests' last subscriber run may still be pruning renditions after its avatar showed.
    await waitFor(async () => (pending('avatarProcessed').length === 0 ? true : undefined), EVENT_WAIT_MS, 'the subscriber idle');
    // The local topic stores each message in the subscriber's journal: a file where its folder was makes every publish fail.
    const journal = path.join(dataDir, 'lambda', 'avatarProcessed', 'pending');
    renameSync(journal, `${journal}.away`);
    writeFileSync(journal, 'not a folder');
    let restored = false;
    const restore = () => {
      if (restored) return;
      restored = true;
      rmSync(journal, { force: true });
      renameSync(`${journal}.away`, journal);
    };
    try {
      const { version } = await upload();
      await waitFor(async () => (dlqIds('thumbnail').length === 1 ? true : undefined), EVENT_WAIT_MS, 'the parked event');
      expect(await avatarVersion()).toBe(before);
      const parked = JSON.parse(readFileSync(path.join(dataDir, 'lambda', 'thumbnail', 'dlq', dlqIds('thumbnail')[0]!), 'utf8')) as { responsePayload: { errorMessage: string } };
      expect(parked.responsePayload.errorMessage).toBe('1 of 1 uploads failed');
      restore();
      const replay = await runRedrive(['--local', dataDir]);
      expect(replay.output).toContain('1 replayed, 0 failed');
      await waitForVersion(version);
    } finally {
      restore();
    }
  });

  it('two deliveries of the same event at once, and an older upload delivered again later, leave the newest avatar', async () => {
    const older = await upload();
    await waitForVersion(older.version);
    const newer = await upload();
    await waitForVersion(newer.version);
    const invokeEvent = (object: { key: string; size: number }) =>
      fetch(`${stack.lambdaUrl}/2015-03-31/functions/thumbnail/invocations`, {
        method: 'POST',
        headers: { 'X-Amz-Invocation-Type': 'Event' },
        body: JSON.stringify({ Records: [s3EventRecord({ bucket: stack.buckets.uploads, key: object.key, size: object.size })] }),
      });
    const mark = running.lines.length;
    const answers = await Promise.all([invokeEvent(newer), invokeEvent(newer), invokeEvent(older)]);
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202]);
    const since = () => running.lines.slice(mark);
    await waitFor(async () => (since().filter((l) => l.startsWith('thumbnail: invoke thumbnail (Event) done in ')).length === 3 ? true : undefined), EVENT_WAIT_MS, 'the deliveries');
    // A delivery whose original is already gone (the older upload's, a duplicate that came second) is skipped
    // and announces nothing; whatever was announced reaches the profile before the checks below.
    await waitFor(async () => (pending('avatarProcessed').length === 0 ? true : undefined), EVENT_WAIT_MS, 'the announcements consumed');
    expect(since().filter((l) => / failed |parked/.test(l))).toEqual([]);
    expect(await avatarVersion()).toBe(newer.version);
    await stack.stop();
    expect(await avatarVersion().catch(() => 'stopped')).toBe('stopped');
    running = await startTestStack(dataDir);
    stack = running.stack;
    expect(await avatarVersion()).toBe(newer.version);
    expect(dlqIds('thumbnail')).toEqual([]);
    expect(dlqIds('avatarProcessed')).toEqual([]);
  });
});
