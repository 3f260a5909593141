import { writeFileSync } from 'node:fs';
import type { LocalStack } from './options';

/** What `stack.json` holds: every endpoint and the demo credentials, for scripts and tests. */
export type StackFile = Omit<LocalStack, 'stop' | 'startupMs'> & { pid: number; startedAt: string };

/** Writes the machine-readable description of a running stack. */
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
  writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`);
}
