import path from 'node:path';
import { parseArgs } from 'node:util';
import { type CheckResult, type SmokeOptions, type TestUser, formatResult, planSmoke, runSmoke } from './checks';
import { SmokeError, TargetError, UsageError } from './errors';
import type { StageProbe } from './stage-probe';
import { type SmokeTarget, type StageDirectory, displayPath, readStackOutputs, targetFromStackFile, targetFromStageOutputs, targetFromStageParameters } from './target';

export const HELP = `Usage: npx tsx tools/smoke/src/main.ts --stack-file <file> [options]   a local stack
       npx tsx tools/smoke/src/main.ts --stage <name> [options]        a deployed stage
       npx nx run infra:smoke --stage <name> [options]                 the same, through Nx

The smoke test after a deploy: from the web origin, as a test user, it checks the API's
CORS preflight, signs in (Cognito USER_PASSWORD_AUTH), gets an upload URL, checks the
uploads bucket's preflight, uploads a small JPEG with the signed headers, waits for the
renditions on the CDN (content type, pixel size), and for the profile to show the new
avatar. Against a stage it also checks that the avatar-processed topic delivers to the
profile subscriber, and says when the thumbnail dead-letter queue holds failures.
One line per check (pass, FAIL, warn or skip, and why), then a summary.

What to test (one of):
  --stack-file <file>        the local stack's stack.json (npm start writes .local/stack.json)
  --stage <name>             a deployed stage, from its deploy outputs (default $CRUDDUR_STAGE)
  --outputs <dir|file>       where those outputs are (default tmp/cdk-outputs, written by
                             tools/deploy); implies a stage
  --from-ssm                 read the stage from its SSM parameters (/cruddur-avatars/<stage>/…)
                             and stable names instead, e.g. on a machine that did not deploy it;
                             needs --region (or $AWS_REGION)

Options:
  --origin <url>             web origin of the preflights (default: $SMOKE_WEB_ORIGIN, else the
                             local stack's page, else the first of $CRUDDUR_WEB_ORIGINS)
  --username <name>          test user (default $SMOKE_USERNAME; locally the first demo user)
  --password <password>      its password (default $SMOKE_PASSWORD; locally the demo password)
  --access-token <jwt>       a Cognito access token instead of signing in ($SMOKE_ACCESS_TOKEN)
  --deadline <seconds>       how long after the upload renditions and profile may take
                             (default 30 locally, 120 for a stage)
  --region <region>          stage only (default: $CRUDDUR_REGION, else the topic ARN's region;
                             with --from-ssm also $AWS_REGION)
  --cognito-client-id <id>   stage only (default $CRUDDUR_COGNITO_CLIENT_ID, else the auth
                             stack's UserPoolClientId output)
  --cognito-endpoint <url>   stage only (default https://cognito-idp.<region>.amazonaws.com/)
  --dry-run                  print what each check would do and exit 0; sends nothing
  -h, --help                 show this help

Exit codes: 0 every check passed (warn and skip do not fail), 1 a check failed,
2 bad usage, 3 the stack description could not be read.
The test user needs a permanent password; pass it through the environment, not the
command line. AWS credentials (for SNS and SQS) come from the usual chain (AWS_PROFILE, ...).
`;

export interface SmokeCommand {
  readonly target:
    | { readonly mode: 'local'; readonly stackFile: string }
    | {
        readonly mode: 'aws';
        readonly stage: string;
        /** Deploy outputs to read, or `ssm` for the stage's SSM parameters. */
        readonly source: { readonly kind: 'outputs'; readonly path: string } | { readonly kind: 'ssm' };
        readonly region?: string;
        readonly cognitoClientId?: string;
        readonly cognitoEndpoint?: string;
      };
  readonly origin?: string;
  readonly username?: string;
  readonly password?: string;
  readonly accessToken?: string;
  readonly deadlineSeconds?: number;
  readonly dryRun: boolean;
}

const nonEmpty = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

/**
 * Parses the command line and the environment (flags win); `undefined` means --help.
 *
 * @throws UsageError for an unknown option, a bad value, or two targets at once
 *
 * @example
 * parseCommand(['--stack-file', '.local/stack.json'], process.env);
 */
export function parseCommand(argv: readonly string[], env: NodeJS.ProcessEnv, cwd = process.cwd()): SmokeCommand | undefined {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        'stack-file': { type: 'string' },
        stage: { type: 'string' },
        outputs: { type: 'string' },
        'from-ssm': { type: 'boolean', default: false },
        origin: { type: 'string' },
        username: { type: 'string' },
        password: { type: 'string' },
        'access-token': { type: 'string' },
        deadline: { type: 'string' },
        region: { type: 'string' },
        'cognito-client-id': { type: 'string' },
        'cognito-endpoint': { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (cause) {
    throw new UsageError(cause instanceof Error ? cause.message : String(cause), { cause });
  }
  if (values.help) return undefined;

  const stackFile = nonEmpty(values['stack-file']);
  const stageGiven = values.stage !== undefined || values.outputs !== undefined || values['from-ssm'];
  if (stackFile && stageGiven) throw new UsageError('give either --stack-file (a local stack) or --stage/--outputs (a deployed stage), not both');
  if (!stackFile && !stageGiven) throw new UsageError('say what to test: --stack-file .local/stack.json (the local stack) or --stage <name> (a deployed stage)');
  if (stackFile) {
    const stageOnly = (['region', 'cognito-client-id', 'cognito-endpoint'] as const).find((name) => values[name] !== undefined);
    if (stageOnly) throw new UsageError(`--${stageOnly} applies to a deployed stage, not to --stack-file`);
  }

  let origin: string | undefined;
  const rawOrigin = nonEmpty(values.origin ?? env['SMOKE_WEB_ORIGIN']) ?? (stackFile ? undefined : nonEmpty(env['CRUDDUR_WEB_ORIGINS']?.split(',')[0]));
  if (rawOrigin) {
    let url: URL;
    try {
      url = new URL(rawOrigin);
    } catch {
      throw new UsageError(`--origin must be an origin such as https://cruddur.com, got "${rawOrigin}"`);
    }
    if (!['http:', 'https:'].includes(url.protocol) || url.origin !== rawOrigin.replace(/\/$/, '')) {
      throw new UsageError(`--origin must be an origin (scheme, host, port; no path), got "${rawOrigin}"`);
    }
    origin = url.origin;
  }

  let deadlineSeconds: number | undefined;
  if (values.deadline !== undefined) {
    deadlineSeconds = Number(values.deadline);
    if (!/^\d+(\.\d+)?$/.test(values.deadline.trim()) || !(deadlineSeconds > 0) || deadlineSeconds > 900) {
      throw new UsageError(`--deadline must be a number of seconds, more than 0 and at most 900, got "${values.deadline}"`);
    }
  }

  const accessToken = nonEmpty(values['access-token'] ?? env['SMOKE_ACCESS_TOKEN']);
  const username = nonEmpty(values.username ?? env['SMOKE_USERNAME']);
  const password = values.password ?? env['SMOKE_PASSWORD'];
  if (accessToken && (values.username !== undefined || values.password !== undefined)) {
    throw new UsageError('give either --access-token or --username/--password, not both');
  }

  let target: SmokeCommand['target'];
  if (stackFile) {
    target = { mode: 'local', stackFile: path.resolve(cwd, stackFile) };
  } else {
    const stage = nonEmpty(values.stage) ?? nonEmpty(env['CRUDDUR_STAGE']) ?? 'dev';
    if (!/^[a-z][a-z0-9-]{1,15}$/.test(stage)) throw new UsageError(`invalid stage "${stage}"`);
    const fromSsm = values['from-ssm'];
    if (fromSsm && values.outputs !== undefined) throw new UsageError('give either --outputs or --from-ssm, not both');
    const region = nonEmpty(values.region ?? env['CRUDDUR_REGION']) ?? (fromSsm ? nonEmpty(env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION']) : undefined);
    if (region && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) throw new UsageError(`invalid region "${region}"`);
    if (fromSsm && !region) throw new UsageError('--from-ssm needs the stage\'s region: --region (or CRUDDUR_REGION / AWS_REGION)');
    target = {
      mode: 'aws',
      stage,
      source: fromSsm ? { kind: 'ssm' } : { kind: 'outputs', path: path.resolve(cwd, nonEmpty(values.outputs) ?? path.join('tmp', 'cdk-outputs')) },
      region,
      cognitoClientId: nonEmpty(values['cognito-client-id'] ?? env['CRUDDUR_COGNITO_CLIENT_ID']),
      cognitoEndpoint: nonEmpty(values['cognito-endpoint']),
    };
  }
  return { target, origin, username, password, accessToken, deadlineSeconds, dryRun: values['dry-run'] };
}

/** Reads the stack description the command names. */
async function loadTarget(command: SmokeCommand, directory: (region: string) => StageDirectory): Promise<SmokeTarget> {
  const { target } = command;
  if (target.mode === 'local') return targetFromStackFile(target.stackFile);
  const { stage, source, region, cognitoClientId, cognitoEndpoint } = target;
  if (source.kind === 'ssm') {
    // parseCommand made sure of the region.
    const ssmRegion = region ?? '';
    return targetFromStageParameters(directory(ssmRegion), { stage, region: ssmRegion, cognitoClientId, cognitoEndpoint });
  }
  return targetFromStageOutputs(readStackOutputs(source.path), { stage, source: displayPath(source.path), region, cognitoClientId, cognitoEndpoint });
}

/** The origin and user of a run: the command's, else what the local stack offers. */
function resolveRun(command: SmokeCommand, target: SmokeTarget): { origin: string; user: TestUser | undefined } {
  const origin = command.origin ?? target.webOrigin;
  if (!origin) throw new UsageError('no web origin: pass --origin (or SMOKE_WEB_ORIGIN / CRUDDUR_WEB_ORIGINS), one of the stage\'s webOrigins');
  if (command.accessToken) return { origin, user: { kind: 'token', accessToken: command.accessToken } };
  const demo = target.demoUsers.find((user) => user.username === (command.username ?? target.demoUsers[0]?.username));
  const username = command.username ?? demo?.username;
  const password = command.password ?? demo?.password;
  return { origin, user: username && password !== undefined ? { kind: 'password', username, password } : undefined };
}

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly fetch: typeof fetch;
  /** The JPEG the run uploads. */
  readonly image: () => Promise<Buffer>;
  /** SNS and SQS of a deployed stage (the SDK in main.ts, a fake server in tests). */
  readonly connect: (target: SmokeTarget) => StageProbe;
  /** SSM and SQS of a region, for --from-ssm. */
  readonly directory: (region: string) => StageDirectory;
}

function summary(results: readonly CheckResult[], target: SmokeTarget): string {
  const count = (status: CheckResult['status']) => results.filter((r) => r.status === status).length;
  const failed = count('FAIL');
  return `smoke ${failed > 0 ? 'FAILED' : 'passed'}: ${count('pass')} passed, ${failed} failed, ${count('warn')} warned, ${count('skip')} skipped (${target.description})`;
}

/**
 * The whole CLI; resolves to the exit code (see HELP).
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2), process.env, io);
 */
export async function runCli(argv: readonly string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  let command: SmokeCommand | undefined;
  let target: SmokeTarget;
  let run: ReturnType<typeof resolveRun>;
  try {
    command = parseCommand(argv, env);
    if (!command) {
      io.stdout(HELP);
      return 0;
    }
    target = await loadTarget(command, io.directory);
    run = resolveRun(command, target);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`smoke: ${error.message}\n(npx tsx tools/smoke/src/main.ts --help shows the options)\n`);
      return 2;
    }
    if (error instanceof TargetError) {
      io.stderr(`smoke: ${error.message}\n`);
      return 3;
    }
    throw error;
  }
  const defaultDeadline = target.kind === 'local' ? 30 : 120;
  const userless: TestUser = { kind: 'password', username: '(no test user given)', password: '' };
  const options: SmokeOptions = { origin: run.origin, user: run.user ?? userless, deadlineMs: (command.deadlineSeconds ?? defaultDeadline) * 1000, image: await io.image() };

  if (command.dryRun) {
    io.stdout(`dry run: the smoke test of ${target.description} would, from ${options.origin}:\n`);
    for (const { name, plan } of planSmoke(target, options)) io.stdout(`  ${name.padEnd(19)} ${plan}\n`);
    if (!run.user) io.stdout('A real run needs a test user: SMOKE_USERNAME and SMOKE_PASSWORD, or SMOKE_ACCESS_TOKEN.\n');
    return 0;
  }
  if (!run.user) {
    io.stderr('smoke: no test user: set SMOKE_USERNAME and SMOKE_PASSWORD (or --username/--password), or SMOKE_ACCESS_TOKEN\n');
    return 2;
  }
  io.stdout(`smoke test of ${target.description}, from ${options.origin}\n`);
  try {
    const results = await runSmoke(target, options, {
      fetch: io.fetch,
      probe: target.aws ? io.connect(target) : undefined,
      report: (result) => io.stdout(`${formatResult(result)}\n`),
    });
    io.stdout(`${summary(results, target)}\n`);
    return results.some((r) => r.status === 'FAIL') ? 1 : 0;
  } catch (error) {
    if (!(error instanceof SmokeError)) throw error;
    io.stderr(`smoke: ${error.message}\n`);
    return 1;
  }
}
