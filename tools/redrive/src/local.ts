import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { type ClaimedDeadLetter, DeadLetterFolder, processAlive } from '@cruddur/local/lambda-invoker';
import { lambdaReplayer } from './aws';
import { RedriveError } from './errors';
import { LOCAL_FUNCTIONS } from './local-functions';
import { type DeadLetterRecord, type DeadLetterSource, type Replayer, parseOnFailureRecord } from './redrive';

/** Where the local stack parks a function's failed events (apps/local-stack: `<data-dir>/lambda/<fn>/dlq`). */
export function localDeadLetterDir(dataDir: string, functionName: string): string {
  return path.join(dataDir, 'lambda', functionName, 'dlq');
}

/** The reason of a parked record, with the function's last error message. */
function reasonOf(claim: Pick<ClaimedDeadLetter, 'record'>, base: string): string {
  const message = claim.record.responsePayload?.errorMessage;
  return message ? `${base}: ${message.slice(0, 200)}` : base;
}

/**
 * The local stack's dead-letter folder of one function as a source: records are claimed by an
 * atomic rename (another redrive run, or the stack parking new ones, never sees them half-done),
 * released when their replay failed or in a dry run, deleted after a replay succeeded.
 *
 * @example
 * const source = localDeadLetterSource('.local', 'thumbnail');
 */
export function localDeadLetterSource(dataDir: string, functionName: string): DeadLetterSource {
  const directory = localDeadLetterDir(dataDir, functionName);
  if (!existsSync(directory)) throw new RedriveError(`${directory} does not exist: is ${dataDir} a local stack data folder, and ${functionName} one of ${LOCAL_FUNCTIONS.join(', ')}?`);
  const folder = new DeadLetterFolder(directory);
  const claims = new Map<string, ClaimedDeadLetter>();
  return {
    description: directory,
    async receive(max) {
      const records: DeadLetterRecord[] = [];
      for (const claim of folder.claim(max)) {
        const { payload, reason } = parseOnFailureRecord(JSON.stringify(claim.record));
        claims.set(claim.file, claim);
        records.push({ handle: claim.file, id: claim.id, payload, reason: reasonOf(claim, reason) });
      }
      return records;
    },
    async delete(record) {
      const claim = claims.get(record.handle);
      if (claim) folder.delete(claim);
      claims.delete(record.handle);
    },
    async release(record) {
      const claim = claims.get(record.handle);
      if (claim) folder.release(claim);
      claims.delete(record.handle);
    },
  };
}

interface RunningStack {
  pid: number;
  lambdaUrl: string;
  region: string;
  s3Credentials: { accessKeyId: string; secretAccessKey: string };
}

/**
 * The running local stack on `dataDir` (its `stack.json`), or a clear error: replays run in the
 * stack's own functions, the only ones that may open its database.
 *
 * @throws RedriveError when no stack runs on that folder
 */
export function runningLocalStack(dataDir: string): RunningStack {
  const file = path.join(dataDir, 'stack.json');
  const notRunning = `no local stack is running on ${dataDir}: start it (npm start -- --data-dir ${dataDir}) and run this again; a replay runs in the stack's own functions (--dry-run works without it)`;
  if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) throw new RedriveError(`${dataDir} is not a folder`);
  if (!existsSync(file)) throw new RedriveError(notRunning);
  let stack: Partial<RunningStack>;
  try {
    stack = JSON.parse(readFileSync(file, 'utf8')) as Partial<RunningStack>;
  } catch (cause) {
    throw new RedriveError(`${file} is not readable JSON`, { cause });
  }
  if (typeof stack.pid !== 'number' || !processAlive(stack.pid) || typeof stack.lambdaUrl !== 'string') throw new RedriveError(notRunning);
  return stack as RunningStack;
}

/**
 * Replays into a function of the running local stack through its Lambda Invoke API: the same
 * `lambdaReplayer` as in AWS, pointed at the stack.
 *
 * @example
 * const replayer = localReplayer(runningLocalStack('.local'), 'thumbnail');
 */
export function localReplayer(stack: RunningStack, functionName: string): Replayer {
  const lambda = new LambdaClient({ region: stack.region, endpoint: stack.lambdaUrl, credentials: { ...stack.s3Credentials }, maxAttempts: 1 });
  const replayer = lambdaReplayer(lambda, functionName);
  return { description: `${functionName} at ${stack.lambdaUrl}`, replay: (payload) => replayer.replay(payload) };
}
