import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onFailureRecord } from '@cruddur/shared/lambda-events';
import { DeadLetterFolder } from '../../src';

const record = (n: number) => onFailureRecord({ functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:thumbnail', payload: { n }, error: new Error(`e${n}`), invokeCount: 3 });

describe('DeadLetterFolder', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'dlq-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('returns a claim whose reader died to the queue', () => {
    const dlq = new DeadLetterFolder(directory);
    const id = dlq.park(record(1));
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid;
    renameSync(path.join(directory, `${id}.json`), path.join(directory, '.claimed', `${id}.${dead}.json`));
    expect(dlq.ids()).toEqual([]);
    expect(dlq.claim(10).map((c) => c.id)).toEqual([id]);
    expect(readdirSync(path.join(directory, '.claimed'))).toEqual([`${id}.${process.pid}.json`]);
  });
});
