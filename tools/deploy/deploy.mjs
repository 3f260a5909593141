#!/usr/bin/env node
// Deploys (or destroys) cruddur-avatars stacks from the synthesized cloud assembly, one stack at a time.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { tsImport } from 'tsx/esm/api';

// The names are the contract's (libs/shared/contract/src/deployment.ts), which infra builds its
// stacks from; that file has no imports, so tsx loads it alone.
const {
  PROJECT_NAME: PROJECT,
  FUNCTION_COMPONENTS: FUNCTIONS,
  SHARED_STACK_COMPONENTS: SHARED,
  OPTIONAL_STACK_COMPONENTS: OPTIONAL,
  STACK_COMPONENTS: COMPONENTS,
  stackName,
} = await tsImport('../../libs/shared/contract/src/deployment.ts', import.meta.url);
const APPROVALS = ['never', 'any-change', 'broadening'];

/** `items` joined by commas, in lines of at most 80 characters indented by `indent` spaces. */
function wrap(items, indent) {
  const lines = [];
  for (const [i, item] of items.entries()) {
    const word = i < items.length - 1 ? `${item},` : item;
    const last = lines.length - 1;
    if (last >= 0 && indent + lines[last].length + 1 + word.length <= 80) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines.map((line) => `${' '.repeat(indent)}${line}`).join('\n');
}

const HELP = `Usage: node tools/deploy/deploy.mjs <component...> [options]
       node tools/deploy/deploy.mjs destroy <function...> [options]

Deploys cruddur-avatars stacks from an already synthesized cloud assembly
(npx nx run infra:synth), each selected with --exclusively so that deploying
one function never deploys, or waits for, another stack.

Components:
  ${FUNCTIONS.join(' | ')}
                                     one function stack (profile: its functions,
                                     avatar-processed subscription and migrations)
  ${SHARED.join(' | ')}
                                     one shared stack
  shared                             the shared stacks of the assembly, in order:
${wrap(SHARED.map((c) => (OPTIONAL.includes(c) ? `${c} (if any)` : c)), 37)}

destroy <function...>
  Destroys function stacks only (${FUNCTIONS.join(' | ')}),
  always with --exclusively: a plain \`cdk destroy\` also destroys the stacks
  that depend on the one named. Before running cdk it lists what the destroy
  removes and what it keeps (retained logs and queues), and refuses when
  another stack of the assembly reads a value (SSM parameter) the stack owns.
  Shared stacks are torn down by hand (see infra/README.md, "Tear down").

First deployment of a stage: shared, then authorizer presign thumbnail, then
profile (each reads the shared stacks' SSM parameters).

Options:
  --stage <name>             stage the assembly was synthesized for
                             (default: $CRUDDUR_STAGE, else "dev")
  --app <dir>                cloud assembly directory (default: cdk.out)
  --require-approval <mode>  never | any-change | broadening
                             (default: never when $CI is set, else broadening)
  --profile <name>           AWS profile handed to cdk
  --force                    destroy only: no confirmation prompt from cdk
  --dry-run                  print the exact cdk command (and, for destroy,
                             what it would remove) and exit 0 without running
                             it (also: DEPLOY_DRY_RUN=1)
  -h, --help                 show this help

Examples:
  node tools/deploy/deploy.mjs presign --dry-run
  node tools/deploy/deploy.mjs destroy thumbnail --dry-run
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
      force: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return { help: true };

  const stage = values.stage ?? (env.CRUDDUR_STAGE || 'dev');
  if (!/^[a-z][a-z0-9-]{1,15}$/.test(stage)) throw new UsageError(`invalid stage "${stage}"`);
  const destroy = positionals[0] === 'destroy';
  if (destroy) positionals.shift();
  if (positionals.length === 0) throw new UsageError(destroy ? 'name at least one function to destroy' : 'name at least one component');
  if (values.force && !destroy) throw new UsageError('--force only applies to destroy');
  for (const c of positionals) {
    if (destroy && !FUNCTIONS.includes(c)) {
      throw new UsageError(`destroy takes function stacks only (${FUNCTIONS.join(', ')}), got "${c}"`);
    }
    if (c !== 'shared' && !COMPONENTS.includes(c)) {
      throw new UsageError(`unknown component "${c}" (expected one of: shared, ${COMPONENTS.join(', ')})`);
    }
  }
  const approval = values['require-approval'] ?? (truthy(env.CI) ? 'never' : 'broadening');
  if (!APPROVALS.includes(approval)) throw new UsageError(`--require-approval must be one of ${APPROVALS.join(', ')}`);

  return {
    help: false,
    destroy,
    force: values.force,
    stage,
    components: positionals,
    app: values.app,
    approval,
    profile: values.profile,
    dryRun: values['dry-run'] || truthy(env.DEPLOY_DRY_RUN),
  };
}

/** Stacks of the assembly as `{ name, templateFile }`, or undefined when it has not been synthesized. */
function readAssembly(appDir) {
  const manifestFile = path.join(appDir, 'manifest.json');
  if (!existsSync(manifestFile)) return undefined;
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  return Object.entries(manifest.artifacts ?? {})
    .filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack')
    .map(([id, artifact]) => ({
      name: artifact.displayName ?? id,
      templateFile: artifact.properties?.templateFile && path.join(appDir, artifact.properties.templateFile),
    }));
}

function readTemplate(stack) {
  if (!stack.templateFile || !existsSync(stack.templateFile)) return { Resources: {}, Parameters: {} };
  return JSON.parse(readFileSync(stack.templateFile, 'utf8'));
}

const RETAINED = ['Retain', 'RetainExceptOnCreate', 'Snapshot'];

/**
 * What `cdk destroy` of one stack removes and keeps, and which of its values other stacks read:
 * the SSM parameters it publishes that another template resolves at deploy time.
 */
function destroyPlan(stack, assembly) {
  const template = readTemplate(stack);
  const resources = Object.entries(template.Resources ?? {}).map(([id, r]) => ({
    id,
    type: r.Type,
    kept: RETAINED.includes(r.DeletionPolicy),
    policy: r.DeletionPolicy ?? 'Delete',
  }));
  const published = new Set(
    Object.values(template.Resources ?? {})
      .filter((r) => r.Type === 'AWS::SSM::Parameter' && typeof r.Properties?.Name === 'string')
      .map((r) => r.Properties.Name),
  );
  const usedBy = [];
  for (const other of assembly.filter((s) => s.name !== stack.name)) {
    for (const parameter of Object.values(readTemplate(other).Parameters ?? {})) {
      if (String(parameter.Type).startsWith('AWS::SSM::Parameter::Value') && published.has(parameter.Default)) {
        usedBy.push({ stack: other.name, value: parameter.Default });
      }
    }
  }
  return { removed: resources.filter((r) => !r.kept), kept: resources.filter((r) => r.kept), usedBy };
}

function printPlan(stackName, plan) {
  const line = (r) => `  ${r.type} ${r.id}${r.kept ? ` (DeletionPolicy ${r.policy})` : ''}\n`;
  process.stdout.write(`${stackName}: removes ${plan.removed.length} resources\n${plan.removed.map(line).join('')}`);
  process.stdout.write(`${stackName}: keeps ${plan.kept.length} resources\n${plan.kept.map(line).join('')}`);
  process.stdout.write(
    `${stackName}: used by other stacks: ${plan.usedBy.length === 0 ? 'nothing' : plan.usedBy.map((u) => `${u.value} (read by ${u.stack})`).join(', ')}\n`,
  );
}

function selectStacks(options, available) {
  const wanted = options.components.flatMap((c) => {
    if (c !== 'shared') return [c];
    return SHARED.filter((s) => !OPTIONAL.includes(s) || available?.includes(stackName(options.stage, s)));
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

function cdkDestroyArgs(options, stacks) {
  return [
    'cdk',
    'destroy',
    ...stacks,
    '--exclusively',
    '--app',
    options.app,
    ...(options.force ? ['--force'] : []),
    '--no-notices',
    ...(options.profile ? ['--profile', options.profile] : []),
  ];
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
    const assembly = readAssembly(options.app);
    const available = assembly?.map((s) => s.name);
    if (!available && !options.dryRun) {
      throw new AssemblyError(`no cloud assembly in ${options.app}: run npx nx run infra:synth first`);
    }
    const stacks = selectStacks(options, available);
    const args = options.destroy ? cdkDestroyArgs(options, stacks) : cdkArgs(options, stacks);
    const command = ['npx', ...args].map(shellQuote).join(' ');
    if (options.dryRun) process.stdout.write(`${command}\n`);
    if (options.destroy && assembly) {
      const plans = stacks.map((name) => [name, destroyPlan(assembly.find((s) => s.name === name), assembly)]);
      for (const [name, plan] of plans) printPlan(name, plan);
      const blocked = plans.filter(([, plan]) => plan.usedBy.length > 0).map(([name]) => name);
      if (blocked.length > 0) {
        throw new AssemblyError(`refusing to destroy ${blocked.join(', ')}: other stacks read values it owns (listed above)`);
      }
    }
    if (options.dryRun) {
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
