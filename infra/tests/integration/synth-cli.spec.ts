import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fakeAssetDirs } from '../helpers/avatars-app';

const WORKSPACE = path.resolve(__dirname, '..', '..', '..');

describe('cdk synth of infra/src/main.ts (what `nx run infra:synth` runs)', () => {
  it('writes every stack to the output dir, offline', () => {
    const dist = path.dirname(fakeAssetDirs().presign);
    const outdir = mkdtempSync(path.join(tmpdir(), 'infra-cli-out-'));
    const started = Date.now();
    const result = spawnSync(
      path.join(WORKSPACE, 'node_modules', '.bin', 'cdk'),
      [
        'synth',
        '--quiet',
        '--no-notices',
        '--no-version-reporting',
        '--no-lookups',
        '--app',
        'npx tsx --tsconfig infra/tsconfig.json infra/src/main.ts',
        '--output',
        outdir,
      ],
      {
        cwd: WORKSPACE,
        encoding: 'utf8',
        // No credentials and no metadata endpoint: synthesis must not need AWS.
        env: { PATH: process.env['PATH'], HOME: process.env['HOME'], CRUDDUR_LAMBDA_DIST: dist, AWS_EC2_METADATA_DISABLED: 'true' },
        timeout: 240_000,
      },
    );
    const elapsed = Date.now() - started;
    expect({ status: result.status, stderr: result.status === 0 ? '' : result.stderr }).toEqual({ status: 0, stderr: '' });
    // The time is reported, not asserted (noisy machines); the spawn timeout only stops a hang.
    console.log(`cdk synth took ${elapsed} ms`);

    const manifest = JSON.parse(readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as {
      artifacts: Record<string, { type: string }>;
    };
    const stacks = Object.entries(manifest.artifacts)
      .filter(([, a]) => a.type === 'aws:cloudformation:stack')
      .map(([id]) => id)
      .sort();
    expect(stacks).toEqual([
      'cruddur-avatars-dev-api',
      'cruddur-avatars-dev-auth',
      'cruddur-avatars-dev-authorizer',
      'cruddur-avatars-dev-database',
      'cruddur-avatars-dev-events',
      'cruddur-avatars-dev-monitoring',
      'cruddur-avatars-dev-presign',
      'cruddur-avatars-dev-profile',
      'cruddur-avatars-dev-storage',
      'cruddur-avatars-dev-thumbnail',
    ]);
  });

  it('refuses a production stage without its values in one line, no stack trace', () => {
    const dist = path.dirname(fakeAssetDirs().presign);
    const result = spawnSync(
      path.join(WORKSPACE, 'node_modules', '.bin', 'tsx'),
      ['--tsconfig', 'infra/tsconfig.json', 'infra/src/main.ts'],
      {
        cwd: WORKSPACE,
        encoding: 'utf8',
        env: { PATH: process.env['PATH'], HOME: process.env['HOME'], CRUDDUR_LAMBDA_DIST: dist, CRUDDUR_STAGE: 'prod', CRUDDUR_ACCOUNT: '123456789012' },
        timeout: 240_000,
      },
    );
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      'InfraConfigError: stage "prod" is not a dev stage (devStage=false), so it needs: region (-c region=… or CRUDDUR_REGION); ' +
        'webOrigins (-c webOrigins=https://… or CRUDDUR_WEB_ORIGINS), not the localhost default; an alarm destination (alarmTopicArn or alarmEmail)',
    );
  });
});
