import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onFailureRecord } from '@cruddur/shared/lambda-events';

/** The on-failure record of the thumbnail's `n`th failed event. */
export const record = (n: number) =>
  onFailureRecord({ functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:thumbnail', payload: { n }, error: new Error(`e${n}`), invokeCount: 3 });

/** A new empty dead-letter folder for each test of the calling `describe`, removed after it. */
export function dlqFolderPerTest(): () => string {
  let directory = '';
  beforeEach(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'dlq-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));
  return () => directory;
}
