import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { type Database, openDatabase } from '@cruddur/profile/db';
import { migrateToLatest } from '@cruddur/profile/migrations';
import { createProfileHandlers } from '@cruddur/profile/profiles';
import { snsNotification } from '@cruddur/shared/lambda-events';
import { avatarProcessedMessage, uploadId } from '@cruddur/testing/fixtures';
import { DurableInvoker, createLambdaInvokeApi } from '@cruddur/local/lambda-invoker';
import { localFunction } from '../../src/handlers/production-handlers';
import { runRedrive } from '../helpers/redrive';
import { removeDataDir, tempDataDir } from '../helpers/stack';

const SUB = '6f1c2d3e-0000-4000-8000-000000000001';
const TOPIC = 'arn:aws:sns:us-east-1:000000000000:avatar-processed';
const fn = localFunction('avatarProcessed', 'us-east-1');

/** A port nothing listens on any more: the database server is down. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function consumerOn(dataDir: string, db: Database, lines: string[]): DurableInvoker {
  const invoker = new DurableInvoker({ directory: path.join(dataDir, 'lambda'), retryDelaysMs: [20, 40], log: (line) => lines.push(line) });
  const handlers = createProfileHandlers({ db, logger: new Logger({ serviceName: 'profile', logLevel: 'SILENT' }), assetsBaseUrl: 'http://assets.local', origins: [] });
  invoker.register(fn, handlers.avatarProcessed);
  return invoker;
}

const notification = (version: string) => snsNotification({ topicArn: TOPIC, region: 'us-east-1', message: JSON.stringify(avatarProcessedMessage(SUB, version)), attributes: { type: 'avatar.processed' } });

describe('the SNS → profile consumer when the database is down', () => {
  const dataDir = tempDataDir();
  let db: Database | undefined;
  let api: Server | undefined;
  afterAll(async () => {
    await db?.close();
    await new Promise((resolve) => (api ? api.close(resolve) : resolve(undefined)));
    removeDataDir(dataDir);
  });

  it('retries, parks the message with the connection error, and a replay once it is back records it once; never an older avatar', async () => {
    const lines: string[] = [];
    const down = openDatabase({ DATABASE_URL: `postgres://cruddur:x@127.0.0.1:${await deadPort()}/cruddur` });
    const older = uploadId(Date.UTC(2026, 10, 1));
    const newer = uploadId(Date.UTC(2026, 11, 1));
    const offline = consumerOn(dataDir, down, lines);
    await offline.enqueue(fn.name, notification(newer), `avatar processed ${newer}`);
    await offline.enqueue(fn.name, notification(older), `avatar processed ${older}`);
    await offline.settled();
    await down.close();
    const parked = offline.deadLetters(fn.name);
    expect(parked.ids()).toHaveLength(2);
    const record = parked.read(parked.ids()[0]!);
    expect(record.requestContext).toMatchObject({ condition: 'RetriesExhausted', approximateInvokeCount: 3 });
    expect(record.responsePayload.errorMessage).toMatch(/ECONNREFUSED/);
    expect(lines.filter((line) => line.includes('failed (attempt'))).toHaveLength(6);

    // The database is back: the stack's consumer runs on it, and tools/redrive replays through the stack's Invoke API.
    db = openDatabase({ DATABASE_URL: 'pglite://memory' });
    await migrateToLatest(db);
    const online = consumerOn(dataDir, db, lines);
    api = createServer(createLambdaInvokeApi({ invoker: online, log: (line) => lines.push(line) }).handle);
    await new Promise<void>((resolve) => api!.listen(0, '127.0.0.1', resolve));
    const lambdaUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    // What the running stack describes itself with: tools/redrive finds the Invoke API there.
    writeFileSync(path.join(dataDir, 'stack.json'), JSON.stringify({ pid: process.pid, lambdaUrl, region: 'us-east-1', s3Credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } }));
    const replay = await runRedrive(['--local', dataDir, '--function', fn.name]);
    expect(replay.output).toContain('2 replayed, 0 failed');
    expect(replay.code).toBe(0);
    expect(parked.ids()).toEqual([]);

    const { rows } = await db.query<{ avatar_version: string }>('SELECT avatar_version FROM users WHERE cognito_user_id = $1', [SUB]);
    expect(rows).toEqual([{ avatar_version: newer }]);
    // The same message once more (a second replay of a copy): no duplicate row, no step back.
    expect(await online.invoke(fn.name, notification(newer))).toEqual({ recorded: 0, stale: 1, rejected: 0 });
    expect((await db.query('SELECT 1 FROM users WHERE cognito_user_id = $1', [SUB])).rows).toHaveLength(1);
  });
});
