import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FUNCTION_COMPONENTS, STACK_COMPONENTS, type FunctionComponent } from '../../src/names';
import { buildTestApp } from '../helpers/avatars-app';

const WORKSPACE = path.resolve(__dirname, '..', '..', '..');
const TOOL = path.join(WORKSPACE, 'tools', 'deploy', 'deploy.mjs');

function deploy(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [TOOL, ...args], {
    cwd: WORKSPACE,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'], ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A cloud assembly manifest holding just these stacks. */
function fakeAssembly(stackNames: string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'infra-assembly-'));
  const artifacts = Object.fromEntries(
    stackNames.map((name) => [name, { type: 'aws:cloudformation:stack', displayName: name }]),
  );
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ version: '55.0.0', artifacts }));
  return dir;
}

describe('tools/deploy/deploy.mjs', () => {
  it('prints its usage with --help', () => {
    const { status, stdout } = deploy(['--help']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Usage: node tools\/deploy\/deploy\.mjs <component\.\.\.>/);
    expect(stdout).toContain('--dry-run');
    expect(stdout).toMatch(/authorizer \| presign \| thumbnail \| profile/);
  });

  it("takes the contract's stacks and functions, the ones infra builds, and no other", () => {
    const unknown = deploy(['nope', '--dry-run']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain(`unknown component "nope" (expected one of: shared, ${STACK_COMPONENTS.join(', ')})`);
    expect(deploy(['destroy', 'storage', '--dry-run']).stderr).toContain(`destroy takes function stacks only (${FUNCTION_COMPONENTS.join(', ')})`);
  });

  it('--dry-run prints the exact per-function cdk command and exits 0', () => {
    const app = fakeAssembly(['cruddur-avatars-dev-presign']);
    const { status, stdout } = deploy(['presign', '--dry-run', '--app', app]);
    expect(status).toBe(0);
    expect(stdout.trim()).toBe(
      `npx cdk deploy cruddur-avatars-dev-presign --exclusively --app ${app} --require-approval broadening ` +
        '--outputs-file tmp/cdk-outputs/cruddur-avatars-dev-presign.json --no-notices',
    );
  });

  it('takes dry-run from DEPLOY_DRY_RUN, the stage from CRUDDUR_STAGE and no approval prompt in CI', () => {
    const app = fakeAssembly(['cruddur-avatars-prod-thumbnail']);
    const { status, stdout } = deploy(['thumbnail', '--app', app], {
      DEPLOY_DRY_RUN: '1',
      CRUDDUR_STAGE: 'prod',
      CI: 'true',
    });
    expect(status).toBe(0);
    expect(stdout).toContain('npx cdk deploy cruddur-avatars-prod-thumbnail --exclusively');
    expect(stdout).toContain('--require-approval never');
  });

  it('"shared" deploys the certificate, waf and auth (when synthesized), storage, events, database, api and monitoring stacks, in that order', () => {
    const shared = ['storage', 'events', 'database', 'api', 'monitoring'].map((c) => `cruddur-avatars-dev-${c}`);
    const withoutOptional = deploy(['shared', '--dry-run', '--app', fakeAssembly(shared)]);
    expect(withoutOptional.stdout).toContain(`deploy ${shared.join(' ')} --exclusively`);
    const optional = ['cruddur-avatars-dev-certificate', 'cruddur-avatars-dev-waf', 'cruddur-avatars-dev-auth'];
    const withOptional = deploy(['shared', '--dry-run', '--app', fakeAssembly([...optional, ...shared])]);
    expect(withOptional.stdout).toContain(`deploy ${[...optional, ...shared].join(' ')} --exclusively`);
  });

  it('deploys the profile stack alone, like any function, and the database stack alone when named', () => {
    const app = fakeAssembly(['cruddur-avatars-dev-database', 'cruddur-avatars-dev-profile']);
    const profile = deploy(['profile', '--dry-run', '--app', app]);
    expect(profile.status).toBe(0);
    expect(profile.stdout.trim()).toBe(
      `npx cdk deploy cruddur-avatars-dev-profile --exclusively --app ${app} --require-approval broadening ` +
        '--outputs-file tmp/cdk-outputs/cruddur-avatars-dev-profile.json --no-notices',
    );
    expect(deploy(['database', '--dry-run', '--app', app]).stdout).toContain('npx cdk deploy cruddur-avatars-dev-database --exclusively');
  });

  it('refuses "shared" when the assembly lacks the database stack', () => {
    const { status, stderr } = deploy([
      'shared',
      '--dry-run',
      '--app',
      fakeAssembly(['storage', 'events', 'api', 'monitoring'].map((c) => `cruddur-avatars-dev-${c}`)),
    ]);
    expect(status).toBe(1);
    expect(stderr).toContain('cruddur-avatars-dev-database not in');
  });

  it('fails when the assembly was synthesized for another stage', () => {
    const { status, stderr } = deploy(['presign', '--dry-run', '--stage', 'prod', '--app', fakeAssembly(['cruddur-avatars-dev-presign'])]);
    expect(status).toBe(1);
    expect(stderr).toContain('cruddur-avatars-prod-presign not in');
  });

  it('refuses a real deploy without a synthesized assembly', () => {
    const { status, stderr } = deploy(['presign', '--app', path.join(tmpdir(), 'no-such-assembly')]);
    expect(status).toBe(1);
    expect(stderr).toContain('run npx nx run infra:synth first');
  });

  it.each([
    [['bogus', '--dry-run']],
    [[]],
    [['presign', '--require-approval', 'maybe']],
    [['presign', '--stage', 'Prod!']],
    [['destroy']],
    [['destroy', 'storage', '--dry-run']],
    [['destroy', 'shared', '--dry-run']],
    [['presign', '--force']],
  ])(
    'rejects %j with usage and exit code 2',
    (args) => {
      const { status, stderr } = deploy(args);
      expect(status).toBe(2);
      expect(stderr).toContain('Usage:');
    },
  );

  it.each(FUNCTION_COMPONENTS)('apps/%s has a deploy target that deploys its own stack after infra:synth', (fn) => {
    const project = JSON.parse(readFileSync(path.join(WORKSPACE, 'apps', fn, 'project.json'), 'utf8')) as {
      targets: Record<string, { dependsOn?: unknown[]; options?: { command?: string }; configurations?: Record<string, { command?: string }> }>;
    };
    const target = project.targets['deploy'];
    expect(target?.dependsOn).toEqual([{ projects: ['infra'], target: 'synth' }]);
    expect(target?.options?.command).toBe(`node tools/deploy/deploy.mjs ${fn}`);
    expect(target?.configurations?.['dry-run']?.command).toBe(`node tools/deploy/deploy.mjs ${fn} --dry-run`);
  });

  it('infra:synth builds every function first', () => {
    const infra = JSON.parse(readFileSync(path.join(WORKSPACE, 'infra', 'project.json'), 'utf8')) as {
      targets: { synth: { dependsOn: Array<{ projects: string[]; target: string }> } };
    };
    expect(infra.targets.synth.dependsOn).toEqual([{ projects: [...FUNCTION_COMPONENTS], target: 'build' }]);
  });
});

describe('tools/deploy/deploy.mjs destroy', () => {
  // A real assembly of a production-like stage, synthesized by the same code as `nx run infra:synth`.
  const { app } = buildTestApp();
  const assemblyDir = app.synth().directory;

  it('--dry-run prints the exact cdk destroy command, always --exclusively', () => {
    const { status, stdout } = deploy(['destroy', 'presign', '--dry-run', '--stage', 'test', '--app', assemblyDir]);
    expect(status).toBe(0);
    expect(stdout.split('\n')[0]).toBe(`npx cdk destroy cruddur-avatars-test-presign --exclusively --app ${assemblyDir} --no-notices`);
    const forced = deploy(['destroy', 'presign', '--force', '--dry-run', '--stage', 'test', '--app', assemblyDir]);
    expect(forced.stdout.split('\n')[0]).toBe(
      `npx cdk destroy cruddur-avatars-test-presign --exclusively --app ${assemblyDir} --force --no-notices`,
    );
  });

  /** The resource types a destroy plan lists under "removes" and "keeps", and what it says other stacks use. */
  function plan(fn: FunctionComponent) {
    const { status, stdout, stderr } = deploy(['destroy', fn, '--dry-run', '--stage', 'test', '--app', assemblyDir]);
    const section = (word: string) => {
      const lines = stdout.split('\n');
      const start = lines.findIndex((l) => l.startsWith(`cruddur-avatars-test-${fn}: ${word} `));
      const body = lines.slice(start + 1);
      return body.slice(0, body.findIndex((l) => !l.startsWith('  '))).map((l) => l.trim().split(' ')[0]);
    };
    return { status, stderr, removes: section('removes'), keeps: section('keeps'), usedBy: stdout.match(/used by other stacks: (.*)/)?.[1] };
  }

  it.each(FUNCTION_COMPONENTS)('destroying %s removes nothing another stack uses', (fn) => {
    const { status, removes, keeps, usedBy } = plan(fn);
    expect(status).toBe(0);
    expect(usedBy).toBe('nothing');
    expect(removes).toContain('AWS::Lambda::Function');
    // Shared plumbing lives in shared stacks: no bucket, topic, key or published name goes with a function.
    for (const shared of ['AWS::S3::Bucket', 'AWS::SNS::Topic', 'AWS::KMS::Key', 'AWS::SSM::Parameter', 'AWS::EC2::SecurityGroup']) {
      expect([...removes, ...keeps]).not.toContain(shared);
    }
    // Its logs (and dead-letter queue) outlive it outside a dev stage.
    expect(keeps).toContain('AWS::Logs::LogGroup');
    expect(removes).not.toContain('AWS::Logs::LogGroup');
  });

  it('refuses to destroy a stack whose published value another stack reads', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'infra-assembly-'));
    const stack = (name: string, template: unknown) => {
      writeFileSync(path.join(dir, `${name}.template.json`), JSON.stringify(template));
      return [name, { type: 'aws:cloudformation:stack', displayName: name, properties: { templateFile: `${name}.template.json` } }];
    };
    const artifacts = Object.fromEntries([
      stack('cruddur-avatars-dev-thumbnail', {
        Resources: { TopicArnParameter: { Type: 'AWS::SSM::Parameter', Properties: { Name: '/cruddur-avatars/dev/avatar-processed-topic-arn' } } },
      }),
      stack('cruddur-avatars-dev-profile', {
        Parameters: { TopicArn: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cruddur-avatars/dev/avatar-processed-topic-arn' } },
        Resources: {},
      }),
    ]);
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ version: '55.0.0', artifacts }));
    const { status, stdout, stderr } = deploy(['destroy', 'thumbnail', '--dry-run', '--app', dir]);
    expect(status).toBe(1);
    expect(stdout).toContain('used by other stacks: /cruddur-avatars/dev/avatar-processed-topic-arn (read by cruddur-avatars-dev-profile)');
    expect(stderr).toContain('refusing to destroy cruddur-avatars-dev-thumbnail');
  });
});
