import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { FUNCTION_COMPONENTS, type FunctionComponent } from '../../../src/names';
import { buildTestApp, fakeAssetDirs } from '../../helpers/avatars-app';

type Templates = Record<string, unknown>;

function synthTemplates(sources: Partial<Record<FunctionComponent, string>> = {}): Templates {
  const { stacks } = buildTestApp({ assetDirs: fakeAssetDirs(sources) });
  return Object.fromEntries(
    Object.entries(stacks)
      .filter((e): e is [string, Stack] => e[1] !== undefined)
      .map(([name, stack]) => [name, Template.fromStack(stack).toJSON()]),
  );
}

const changedStacks = (a: Templates, b: Templates) =>
  Object.keys(a).filter((name) => JSON.stringify(a[name]) !== JSON.stringify(b[name]));

describe('per-function deploys', () => {
  const baseline = synthTemplates();

  it('synthesizes deterministically', () => {
    expect(changedStacks(baseline, synthTemplates())).toEqual([]);
  });

  it.each(FUNCTION_COMPONENTS)('changing only %s source changes only its own stack template', (fn) => {
    const changed = synthTemplates({ [fn]: `exports.handler = async () => '${fn} v2';\n` });
    expect(changedStacks(baseline, changed)).toEqual([fn]);
  });

  it('a new profile bundle (code or bundled migrations) re-runs the migrations and updates the functions, in the profile stack only', () => {
    const fingerprint = (t: unknown) =>
      Object.values((t as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> }).Resources).find(
        (r) => r.Type === 'Custom::SchemaMigrations',
      )?.Properties['BundleFingerprint'];
    const changed = synthTemplates({ profile: "exports.migrate = async () => 'v2';\n" });
    expect(changedStacks(baseline, changed)).toEqual(['profile']);
    expect(fingerprint(changed['profile'])).toEqual(expect.any(String));
    expect(fingerprint(changed['profile'])).not.toEqual(fingerprint(baseline['profile']));
  });

  it('covers every stack of the app, shared ones included', () => {
    expect(Object.keys(baseline).sort()).toEqual(['api', 'authorizer', 'cdnLogs', 'database', 'events', 'monitoring', 'presign', 'profile', 'storage', 'thumbnail']);
  });

  it.each(Object.keys(baseline))('%s neither exports nor imports values (no Fn::ImportValue lock)', (name) => {
    const text = JSON.stringify(baseline[name]);
    expect(text).not.toContain('Fn::ImportValue');
    expect(text).not.toContain('"Export"');
    // The us-east-1 log delivery reads the distribution id weakly (CloudFront logging is configured there only).
    if (name !== 'cdnLogs') expect(text).not.toContain('Fn::GetStackOutput');
  });
});
