import { mkdtempSync, rmSync } from 'node:fs';
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

  it('hands each record to one reader only, and a released one to the next', () => {
    const dlq = new DeadLetterFolder(directory);
    dlq.park(record(1));
    dlq.park(record(2));
    const a = dlq.claim(10);
    const b = new DeadLetterFolder(directory).claim(10);
    expect(a.map((c) => c.record.requestPayload)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(b).toEqual([]);
    dlq.release(a[1]!);
    dlq.delete(a[0]!);
    expect(dlq.claim(10).map((c) => c.record.requestPayload)).toEqual([{ n: 2 }]);
  });
});
