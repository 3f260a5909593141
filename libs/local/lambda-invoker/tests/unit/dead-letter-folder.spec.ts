import { DeadLetterFolder } from '../../src';
import { dlqFolderPerTest, record } from '../helpers/dead-letters';

describe('DeadLetterFolder', () => {
  const folder = dlqFolderPerTest();

  it('hands each record to one reader only, and a released one to the next', () => {
    const dlq = new DeadLetterFolder(folder());
    dlq.park(record(1));
    dlq.park(record(2));
    const a = dlq.claim(10);
    const b = new DeadLetterFolder(folder()).claim(10);
    expect(a.map((c) => c.record.requestPayload)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(b).toEqual([]);
    dlq.release(a[1]!);
    dlq.delete(a[0]!);
    expect(dlq.claim(10).map((c) => c.record.requestPayload)).toEqual([{ n: 2 }]);
  });
});
