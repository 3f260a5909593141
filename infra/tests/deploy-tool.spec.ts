import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FUNCTION_COMPONENTS } from '../src/names';

const WORKSPACE = path.resolve(__dirname, '..', '..');
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

  it('"shared" deploys the certificate (when synthesized), storage, database and api stacks, in that order', () => {
    const shared = ['cruddur-avatars-dev-storage', 'cruddur-avatars-dev-database', 'cruddur-avatars-dev-api'];
    const withoutCert = deploy(['shared', '--dry-run', '--app', fakeAssembly(shared)]);
    expect(withoutCert.stdout).toContain(
      'deploy cruddur-avatars-dev-storage cruddur-avatars-dev-database cruddur-avatars-dev-api --exclusively',
    );
    const withCert = deploy(['shared', '--dry-run', '--app', fakeAssembly(['cruddur-avatars-dev-certificate', ...shared])]);
    expect(withCert.stdout).toContain(
      'deploy cruddur-avatars-dev-certificate cruddur-avatars-dev-storage cruddur-avatars-dev-database cruddur-avatars-dev-api --exclusively',
    );
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
    const { status, stderr } = deploy(['shared', '--dry-run', '--app', fakeAssembly(['cruddur-avatars-dev-storage', 'cruddur-avatars-dev-api'])]);
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

  it.each([[['bogus', '--dry-run']], [[]], [['presign', '--require-approval', 'maybe']], [['presign', '--stage', 'Prod!']]])(
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
