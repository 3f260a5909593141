import path from 'node:path';
import { parseArgs } from 'node:util';
import { functionName, profileFunctionName } from '@cruddur/shared/contract';
import { UsageError } from './errors';
import { LOCAL_FUNCTIONS } from './local-functions';

/** The stage's dead-letter queues, by the function they park failures of (each named `<function>-dlq`). */
const AWS_DEAD_LETTER_QUEUES = ['thumbnail', 'avatarProcessed', 'renditionsDeleted'] as const;
type AwsDeadLetterQueue = (typeof AWS_DEAD_LETTER_QUEUES)[number];
import { redrive, type DeadLetterSource, type Replayer } from './redrive';

export const HELP = `Usage: npx tsx tools/redrive/src/main.ts [options]

Replays failed events parked in one of the stage's dead-letter queues: re-invokes the
function (synchronously) with what it failed on, and deletes the record only after that
replay succeeded. A failed replay stays in the queue. Prints one line per record and a
summary. Every queue's shape is read: Lambda on-failure records (thumbnail), SNS
notifications (the avatar-processed subscription), EventBridge events (renditions-deleted).

Options:
  --stage <name>       stage whose queue and function to use (default: $CRUDDUR_STAGE, else "dev")
  --dlq <which>        which of the stage's queues (AWS): thumbnail (default: queue
                       cruddur-avatars-<stage>-thumbnail-dlq into cruddur-avatars-<stage>-thumbnail),
                       avatarProcessed or renditionsDeleted (cruddur-avatars-<stage>-profile-…-dlq
                       into that profile function)
  --queue-url <url>    the dead-letter queue's URL instead of the stage's
  --function <name>    the function to replay into instead of the stage's
                       (with --local: thumbnail (default) or avatarProcessed)
  --local <data-dir>   the local stack's dead-letter folder instead of AWS
                       (<data-dir>/lambda/<function>/dlq), replayed through the running
                       stack's Lambda Invoke API (see its stack.json); the stack must be running
  --region <region>    AWS region (default: the SDK's, e.g. $AWS_REGION)
  --max <n>            replay at most n records (default 10, at most 1000)
  --dry-run            list what would be replayed; replay and delete nothing
  -h, --help           show this help

Credentials come from the usual AWS chain (AWS_PROFILE, environment, SSO).
Replay while the original upload still exists (uploadRetentionDays, infra/README.md).
Locally: npx tsx tools/redrive/src/main.ts --local .local [--function avatarProcessed] [--dry-run]
`;

export interface RedriveCommand {
  readonly stage: string;
  readonly queueName: string;
  readonly queueUrl?: string;
  readonly functionName: string;
  readonly region?: string;
  readonly max: number;
  readonly dryRun: boolean;
  /** The local stack's data folder, when replaying its dead-letter folder instead of AWS. */
  readonly local?: string;
}

/** Parses the command line; `undefined` means --help. */
export function parseCommand(argv: readonly string[], env: NodeJS.ProcessEnv): RedriveCommand | undefined {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        stage: { type: 'string' },
        'queue-url': { type: 'string' },
        dlq: { type: 'string' },
        function: { type: 'string' },
        local: { type: 'string' },
        region: { type: 'string' },
        max: { type: 'string', default: '10' },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (cause) {
    throw new UsageError(cause instanceof Error ? cause.message : String(cause), { cause });
  }
  const { values } = parsed;
  if (values.help) return undefined;
  const stage = values.stage ?? (env['CRUDDUR_STAGE'] || 'dev');
  if (!/^[a-z][a-z0-9-]{1,15}$/.test(stage)) throw new UsageError(`invalid stage "${stage}"`);
  const max = Number(values.max);
  if (!Number.isInteger(max) || max < 1 || max > 1000) throw new UsageError(`--max must be an integer from 1 to 1000, got "${values.max}"`);
  if (values.local !== undefined) {
    const functionName = values.function ?? 'thumbnail';
    if (!LOCAL_FUNCTIONS.includes(functionName)) throw new UsageError(`--function with --local must be one of ${LOCAL_FUNCTIONS.join(', ')}, not "${functionName}"`);
    if (values.stage !== undefined || values['queue-url'] !== undefined || values.dlq !== undefined) throw new UsageError('--local replaces --stage, --dlq and --queue-url');
    return { stage, queueName: `${functionName}-dlq`, functionName, max, dryRun: values['dry-run'], local: path.resolve(values.local) };
  }
  const dlq = values.dlq ?? 'thumbnail';
  if (!AWS_DEAD_LETTER_QUEUES.includes(dlq as AwsDeadLetterQueue)) throw new UsageError(`--dlq must be one of ${AWS_DEAD_LETTER_QUEUES.join(', ')}, not "${dlq}"`);
  const target = dlq === 'thumbnail' ? functionName(stage, 'thumbnail') : profileFunctionName(stage, dlq as Exclude<AwsDeadLetterQueue, 'thumbnail'>);
  return {
    stage,
    queueName: `${target}-dlq`,
    queueUrl: values['queue-url'],
    functionName: values.function ?? target,
    region: values.region,
    max,
    dryRun: values['dry-run'],
  };
}

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Builds the queue and function clients (AWS here; fakes in tests, a local DLQ later). */
  readonly connect: (command: RedriveCommand) => Promise<{ source: DeadLetterSource; replayer: Replayer }>;
}

/**
 * The whole CLI: exit code 0 when every record handled was replayed (or a dry run), 1 when a
 * replay failed, 2 on bad usage.
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2), process.env, awsIo);
 */
export async function runCli(argv: readonly string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  let command: RedriveCommand | undefined;
  try {
    command = parseCommand(argv, env);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`redrive: ${error.message}\n\n${HELP}`);
      return 2;
    }
    throw error;
  }
  if (!command) {
    io.stdout(HELP);
    return 0;
  }
  const { source, replayer } = await io.connect(command);
  const report = await redrive(source, replayer, { max: command.max, dryRun: command.dryRun, log: (line) => io.stdout(`${line}\n`) });
  return report.failed.length > 0 ? 1 : 0;
}
