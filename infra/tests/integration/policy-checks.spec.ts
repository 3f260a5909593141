import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { cfnGuardAcknowledgments } from '../../src/cfn-guard';
import { PROD_CONTEXT, buildTestApp } from '../helpers/avatars-app';

const WORKSPACE = path.resolve(__dirname, '..', '..', '..');
const CFN_LINT_CONFIG = path.join(WORKSPACE, 'infra', 'cfn-lint.yaml');


// Both stages are synthesized with every plugin (cdk-nag packs and cfn-guard): a finding throws here.
const assemblies = {
  // No user pool given: the optional auth stack is checked too.
  dev: buildTestApp({
    context: { stage: 'dev', account: '', region: '', alarmTopicArn: '', cognitoUserPoolId: '', cognitoClientId: '' },
    cfnGuard: true,
  }).app.synth().directory,
  prod: buildTestApp({ context: PROD_CONTEXT, cfnGuard: true }).app.synth().directory,
  // The optional WAF stack (us-east-1) and the distribution that uses it.
  prodWithWaf: buildTestApp({ context: { ...PROD_CONTEXT, wafRateLimit: '2000' }, cfnGuard: true }).app.synth().directory,
};

/** `make()`'s value, made on first use. */
function memo<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

const templatesOf = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.template.json'))
    .map((f) => path.join(dir, f));

const cfnLint = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
const cfnLintPresent = cfnLint.status === 0;

describe('cfn-lint over every synthesized template', () => {
  it('is installed (a missing linter fails in CI instead of passing silently)', () => {
    if (!cfnLintPresent) {
      console.warn('cfn-lint is not installed (pip install cfn-lint): the template lint below is skipped');
      expect(process.env['CI']).toBeFalsy();
    }
  });

  // One cfn-lint process over the three assemblies (a Python start costs seconds); each stage's findings are its folder's lines.
  const lint = memo(() => {
    const result = spawnSync('cfn-lint', ['--config-file', CFN_LINT_CONFIG, '--format', 'parseable', '--', ...Object.values(assemblies).flatMap(templatesOf)], {
      encoding: 'utf8',
      timeout: 300_000,
    });
    return { status: result.status, findings: result.stdout.trim().split('\n').filter(Boolean) };
  });

  (cfnLintPresent ? it.each : it.skip.each)(Object.entries(assemblies))(
    '%s: 0 errors, and warnings only those acknowledged in infra/cfn-lint.yaml',
    (_stage, dir) => {
      expect(templatesOf(dir).length).toBeGreaterThanOrEqual(9);
      const { status, findings } = lint();
      expect(findings.filter((line) => line.startsWith(`${dir}${path.sep}`))).toEqual([]);
      expect({ status, findings }).toEqual({ status: 0, findings: [] });
    },
  );
});

describe('cfn-guard Control Tower rules as a CDK policy-validation plugin', () => {
  it('passes both stages with every acknowledgment in one place, each with a reason', () => {
    // Reaching this line means both synths above passed the plugin.
    for (const ack of [...cfnGuardAcknowledgments({ devStage: true }), ...cfnGuardAcknowledgments({ devStage: false })]) {
      expect(ack.rule).toMatch(/^ct-[a-z0-9]+-pr-\d+$/);
      expect(ack.reason.length).toBeGreaterThan(40);
    }
  });

  it('fails the synth on a rule that is not acknowledged (an alarm with no action)', () => {
    const { app, stacks } = buildTestApp({ cfnGuard: true });
    new cloudwatch.Alarm(stacks.presign, 'Unheard', {
      metric: stacks.presign.presign.function.metricErrors(),
      threshold: 1,
      evaluationPeriods: 1,
    });
    expect(() => app.synth()).toThrow(/CT\.CLOUDWATCH\.PR\.1/);
  });
});
