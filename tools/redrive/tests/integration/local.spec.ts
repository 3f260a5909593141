import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DeadLetterFolder } from '@cruddur/local/lambda-invoker';
import { onFailureRecord } from '@cruddur/shared/lambda-events';
import { RedriveError } from '../../src/errors';
import { localDeadLetterDir, localDeadLetterSource, runningLocalStack } from '../../src/local';

const WORKSPACE = path.resolve(__dirname, '..', '..', '..', '..');

function park(dataDir: string, keys: string[]): DeadLetterFolder {
  const folder = new DeadLetterFolder(localDeadLetterDir(dataDir, 'thumbnail'));
  for (const key of keys) {
    folder.park(onFailureRecord({ functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:thumbnail', payload: { Records: [{ s3: { object: { key } } }] }, error: new Error(`S3 timed out on ${key}`), invokeCount: 3 }));
  }
  return folder;
}

describe('the local dead-letter folder as a redrive source', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'redrive-local-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('needs the stack running to replay, and says how to start it', () => {
    park(dataDir, ['a']);
    expect(() => runningLocalStack(dataDir)).toThrow(/no local stack is running on .*npm start -- --data-dir/);
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(path.join(dataDir, 'stack.json'), JSON.stringify({ pid: dead, lambdaUrl: 'http://127.0.0.1:1' }));
    expect(() => runningLocalStack(dataDir)).toThrow(RedriveError);
    expect(() => localDeadLetterSource(path.join(dataDir, 'nope'), 'thumbnail')).toThrow(/does not exist/);
  });
});

describe('redrive --local on the command line', () => {
  it('exits 1 with a clear message from a real process when no stack runs there', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'redrive-cli-'));
    try {
      park(dataDir, ['a']);
      const result = spawnSync(path.join(WORKSPACE, 'node_modules', '.bin', 'tsx'), ['tools/redrive/src/main.ts', '--local', dataDir], { cwd: WORKSPACE, encoding: 'utf8' });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`no local stack is running on ${dataDir}`);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
