#!/usr/bin/env node
// Deploys cruddur-avatars stacks from the synthesized cloud assembly, one stack at a time.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

const PROJECT = 'cruddur-avatars';
const FUNCTIONS = ['authorizer', 'presign', 'thumbnail', 'profile'];
const SHARED = ['certificate', 'storage', 'database', 'api'];
const COMPONENTS = [...SHARED, ...FUNCTIONS];
const APPROVALS = ['never', 'any-change', 'broadening'];

const HELP = `Usage: node tools/deploy/deploy.mjs <component...> [options]

Deploys cruddur-avatars stacks from an already synthesized cloud assembly
(npx nx run infra:synth), each selected with --exclusively so that deploying
one function never deploys, or waits for, another stack.

Components:
  authorizer | presign | thumbnail | profile
                                     one function stack (profile: its functions,
                                     avatar-processed subscription and migrations)
  storage | database | api | certificate
                                     one shared stack
  shared                             the shared stacks of the assembly, in order:
                                     certificate (if any), storage, database, api

First deployment of a stage: shared, then authorizer presign thumbnail, then
profile (it reads the database stack's and the thumbnail topic's SSM parameters).

Options:
  --stage <name>             stage the assembly was synthesized for
                             (default: $CRUDDUR_STAGE, else "dev")
  --app <dir>                cloud assembly directory (default: cdk.out)
  --require-approval <mode>  never | any-change | broadening
                             (default: never when $CI is set, else broadening)
  --profile <name>           AWS profile handed to cdk
  --dry-run                  print the exact cdk command and exit 0 without
                             running it (also: DEPLOY_DRY_RUN=1)
  -h, --help                 show this help

Examples:
  node tools/deploy/deploy.mjs presign --dry-run
  CRUDDUR_STAGE=prod node tools/deploy/deploy.mjs shared
  npx nx run presign:deploy            (synthesizes first, then deploys)
  DEPLOY_DRY_RUN=1 npx nx affected -t deploy
`;

class UsageError extends Error {
  constructor(message) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The assembly does not hold what was asked for. */
class AssemblyError extends Error {
  constructor(message) {
    super(message);
    this.name = 'AssemblyError';
  }
}

/** Stack names as `infra/src/names.ts` builds them. */
const stackName = (stage, component) => `${PROJECT}-${stage}-${component}`;

const truthy = (value) => ['1', 'true', 'yes'].includes(String(value ?? '').toLowerCase());

function parseCommandLine(argv, env) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      stage: { type: 'string' },
      app: { type: 'string', default: 'cdk.out' },
      'require-approval': { type: 'string' },
      profile: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return { help: true };

  const stage = values.stage ?? (env.CRUDDUR_STAGE || 'dev');
  if (!/^[a-z][a-z0-9-]{1,15}$/.test(stage)) throw new UsageError(`invalid stage "${stage}"`);
  if (positionals.length === 0) throw new UsageError('name at least one component');
  for (const c of positionals) {
    if (c !== 'shared' && !COMPONENTS.includes(c)) {
      throw new UsageError(`unknown component "${c}" (expected one of: shared, ${COMPONENTS.join(', ')})`);
    }
  }
  const approval = values['require-approval'] ?? (truthy(env.CI) ? 'never' : 'broadening');
  if (!APPROVALS.includes(approval)) throw new UsageError(`--require-approval must be one of ${APPROVALS.join(', ')}`);

  return {
    help: false,
    stage,
    components: positionals,
    app: values.app,
    approval,
    profile: values.profile,
    dryRun: values['dry-run'] || truthy(env.DEPLOY_DRY_RUN),
  };
}

/** Stack names in the assembly, or undefined when it has not been synthesized. */
function assemblyStacks(appDir) {
  const manifestFile = path.join(appDir, 'manifest.json');
  if (!existsSync(manifestFile)) return undefined;
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  return Object.entries(manifest.artifacts ?? {})
    .filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack')
    .map(([id, artifact]) => artifact.displayName ?? id);
}

function selectStacks(options, available) {
  const wanted = options.components.flatMap((c) => {
    if (c !== 'shared') return [c];
    // The certificate stack only exists for a custom assets domain outside us-east-1.
    return SHARED.filter((s) => s !== 'certificate' || available?.includes(stackName(options.stage, s)));
  });
  const stacks = [...new Set(wanted)].map((c) => stackName(options.stage, c));
  if (available) {
    const missing = stacks.filter((s) => !available.includes(s));
    if (missing.length > 0) {
      throw new AssemblyError(
        `${missing.join(', ')} not in ${options.app} (it holds: ${available.join(', ') || 'no stacks'}); ` +
          'synthesize for this stage first: CRUDDUR_STAGE=<stage> npx nx run infra:synth',
      );
    }
  }
  return stacks;
}

function cdkArgs(options, stacks) {
  const outputs = path.join('tmp', 'cdk-outputs', `${stacks.length === 1 ? stacks[0] : `${PROJECT}-${options.stage}-shared`}.json`);
  return [
    'cdk',
    'deploy',
    ...stacks,
    '--exclusively',
    '--app',
    options.app,
    '--require-approval',
    options.approval,
    '--outputs-file',
    outputs,
    '--no-notices',
    ...(options.profile ? ['--profile', options.profile] : []),
  ];
}

const shellQuote = (arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);

function main(argv, env) {
  let options;
  try {
    options = parseCommandLine(argv, env);
    if (options.help) {
      process.stdout.write(HELP);
      return 0;
    }
    const available = assemblyStacks(options.app);
    if (!available && !options.dryRun) {
      throw new AssemblyError(`no cloud assembly in ${options.app}: run npx nx run infra:synth first`);
    }
    const args = cdkArgs(options, selectStacks(options, available));
    const command = ['npx', ...args].map(shellQuote).join(' ');
    if (options.dryRun) {
      process.stdout.write(`${command}\n`);
      if (!available) process.stderr.write(`note: ${options.app} is not synthesized yet; stack names were not checked\n`);
      return 0;
    }
    process.stdout.write(`$ ${command}\n`);
    const result = spawnSync('npx', args, { stdio: 'inherit', env });
    if (result.error) throw result.error;
    return result.status ?? 1;
  } catch (error) {
    if (error instanceof UsageError || error?.code?.startsWith?.('ERR_PARSE_ARGS')) {
      process.stderr.write(`deploy: ${error.message}\n\n${HELP}`);
      return 2;
    }
    if (error instanceof AssemblyError) {
      process.stderr.write(`deploy: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = main(process.argv.slice(2), process.env);
