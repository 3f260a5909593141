import { renameSync, writeFileSync } from 'node:fs';
import type { LocalStack } from './options';

/** What `stack.json` holds: every endpoint and the demo credentials, for scripts and tests. */
export type StackFile = Omit<LocalStack, 'stop' | 'startupMs'> & { pid: number; startedAt: string };

/** Where the description is written before it is renamed into place. */
export const STACK_FILE_PARTIAL_SUFFIX = '.partial';

/**
 * Writes the machine-readable description of a running stack, atomically: scripts and tests poll
 * for the file, and a reader that opened it mid-write used to see half a JSON document.
 */
export function writeStackFile(file: string, stack: LocalStack): void {
  const content: StackFile = {
    webUrl: stack.webUrl,
    apiUrl: stack.apiUrl,
    assetsUrl: stack.assetsUrl,
    s3Url: stack.s3Url,
    lambdaUrl: stack.lambdaUrl,
    cognito: stack.cognito,
    demoUsers: stack.demoUsers,
    region: stack.region,
    s3Credentials: stack.s3Credentials,
    buckets: stack.buckets,
    dataDir: stack.dataDir,
    pid: process.pid,
    startedAt: new Date().toISOString(),
  };
  const partial = `${file}${STACK_FILE_PARTIAL_SUFFIX}`;
  writeFileSync(partial, `${JSON.stringify(content, null, 2)}\n`);
  renameSync(partial, file);
}
