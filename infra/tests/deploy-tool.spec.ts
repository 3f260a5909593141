import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

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

  it('"shared" deploys the certificate (when synthesized), storage and api stacks, in that order', () => {
    const withoutCert = deploy(['shared', '--dry-run', '--app', fakeAssembly(['cruddur-avatars-dev-storage', 'cruddur-avatars-dev-api'])]);
    expect(withoutCert.stdout).toContain('deploy cruddur-avatars-dev-storage cruddur-avatars-dev-api --exclusively');
    const withCert = deploy([
      'shared',
      '--dry-run',
      '--app',
      fakeAssembly(['cruddur-avatars-dev-certificate', 'cruddur-avatars-dev-storage', 'cruddur-avatars-dev-api']),
    ]);
    expect(withCert.stdout).toContain(
      'deploy cruddur-avatars-dev-certificate cruddur-avatars-dev-storage cruddur-avatars-dev-api --exclusively',
    );
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
});
