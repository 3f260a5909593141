import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DeadLetterFolder } from '@cruddur/local/lambda-invoker';
import { onFailureRecord } from '@cruddur/shared/lambda-events';
import { parseCommand } from '../../src/cli';
import { UsageError } from '../../src/errors';
import { localDeadLetterDir, localDeadLetterSource } from '../../src/local';
import { redrive, type Replayer } from '../../src/redrive';

function park(dataDir: string, keys: string[]): DeadLetterFolder {
  const folder = new DeadLetterFolder(localDeadLetterDir(dataDir, 'thumbnail'));
  for (const key of keys) {
    folder.park(onFailureRecord({ functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:thumbnail', payload: { Records: [{ s3: { object: { key } } }] }, error: new Error(`S3 timed out on ${key}`), invokeCount: 3 }));
  }
  return folder;
}

const keyOf = (payload: unknown) => (payload as { Records: [{ s3: { object: { key: string } } }] }).Records[0].s3.object.key;

function replayer(failing: string[] = []): Replayer & { keys: string[] } {
  const keys: string[] = [];
  return {
    description: 'local thumbnail',
    keys,
    async replay(payload) {
      if (failing.includes(keyOf(payload))) throw new Error('still failing');
      keys.push(keyOf(payload));
    },
  };
}

describe('the local dead-letter folder as a redrive source', () => {
  let dataDir: string;
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'redrive-local-'));
    lines.splice(0);
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('replays oldest first and deletes each record after its replay; a failed one stays, replayed once per run', async () => {
    const folder = park(dataDir, ['a', 'b', 'c']);
    const target = replayer(['b']);
    const report = await redrive(localDeadLetterSource(dataDir, 'thumbnail'), target, { max: 10, dryRun: false, log });
    expect(target.keys).toEqual(['a', 'c']);
    expect(report.failed).toHaveLength(1);
    expect(folder.ids()).toHaveLength(1);
    expect(keyOf(folder.read(folder.ids()[0]!).requestPayload)).toBe('b');
  });

  it('a dry run lists with the reason and the error, and leaves every record waiting', async () => {
    const folder = park(dataDir, ['a', 'b']);
    const report = await redrive(localDeadLetterSource(dataDir, 'thumbnail'), replayer(), { max: 10, dryRun: true, log });
    expect(report.skipped).toHaveLength(2);
    expect(lines.some((line) => /would replay \S+ \(RetriesExhausted, Unhandled: S3 timed out on a\)/.test(line))).toBe(true);
    expect(folder.ids()).toHaveLength(2);
  });

  it('two runs at once never replay the same record twice', async () => {
    park(dataDir, ['a', 'b', 'c', 'd']);
    const first = replayer();
    const second = replayer();
    await Promise.all([
      redrive(localDeadLetterSource(dataDir, 'thumbnail'), first, { max: 10, dryRun: false, log }),
      redrive(localDeadLetterSource(dataDir, 'thumbnail'), second, { max: 10, dryRun: false, log }),
    ]);
    expect([...first.keys, ...second.keys].sort()).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('redrive --local on the command line', () => {
  it('parses the local data folder and the function', () => {
    expect(parseCommand(['--local', '/tmp/x', '--function', 'avatarProcessed', '--dry-run'], {})).toMatchObject({ local: '/tmp/x', functionName: 'avatarProcessed', dryRun: true });
    expect(parseCommand(['--local', '/tmp/x'], {})).toMatchObject({ functionName: 'thumbnail', max: 10 });
  });

  it.each([[['--local', '/tmp/x', '--function', 'presign']], [['--local', '/tmp/x', '--stage', 'prod']]])('refuses %j', (argv) => {
    expect(() => parseCommand(argv, {})).toThrow(UsageError);
  });
});
