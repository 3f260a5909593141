import { spawnSync } from 'node:child_process';
import { readdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { DeadLetterFolder } from '../../src';
import { dlqFolderPerTest, record } from '../helpers/dead-letters';

describe('DeadLetterFolder', () => {
  const folder = dlqFolderPerTest();

  it('returns a claim whose reader died to the queue', () => {
    const dlq = new DeadLetterFolder(folder());
    const id = dlq.park(record(1));
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid;
    renameSync(path.join(folder(), `${id}.json`), path.join(folder(), '.claimed', `${id}.${dead}.json`));
    expect(dlq.ids()).toEqual([]);
    expect(dlq.claim(10).map((c) => c.id)).toEqual([id]);
    expect(readdirSync(path.join(folder(), '.claimed'))).toEqual([`${id}.${process.pid}.json`]);
  });
});
