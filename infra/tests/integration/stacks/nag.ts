import { Validations, type Stack } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { IConstruct } from 'constructs';
import { buildTestApp, sharedTestApp } from '../../helpers/avatars-app';
import { nagViolations } from '../../helpers/template-queries';

/** Every acknowledgment (cdk-nag suppression) under a scope, with its reason. */
function acknowledgments(scope: IConstruct): Array<{ path: string; id: string; reason: string }> {
  return scope.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) => Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({ path: c.node.path, id, reason }))),
  );
}

describe('cdk-nag AwsSolutions on every stack', () => {
  const dev = buildTestApp({ context: { stage: 'dev', devStage: 'true' } });
  const { app, stacks } = sharedTestApp('test');
  const all = Object.entries(stacks).filter((e): e is [string, Stack] => e[1] !== undefined);

  it('covers every stack of the app', () => {
    expect(all.map(([name]) => name).sort()).toEqual(['api', 'authorizer', 'cdnLogs', 'database', 'events', 'monitoring', 'presign', 'profile', 'storage', 'thumbnail']);
  });

  it.each(all)('%s has zero unacknowledged findings (errors or warnings)', (_name, stack) => {
    expect(nagViolations(stack)).toEqual([]);
  });

  it.each(['database', 'profile', 'storage'] as const)('%s has zero unacknowledged findings in a dev stage too', (name) => {
    expect(nagViolations(dev.stacks[name])).toEqual([]);
  });

  it('is registered on the app, so `cdk synth` itself fails on a finding', () => {
    expect(() => app.synth()).not.toThrow();
    const withFinding = buildTestApp();
    // An unacknowledged AwsSolutions-SQS3 (queue without a dead-letter queue) must break synthesis.
    new Queue(withFinding.stacks.thumbnail, 'UnmonitoredQueue', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true });
    expect(() => withFinding.app.synth()).toThrow(/AwsSolutions-SQS3/);
  });

  it('gives every acknowledgment a written reason', () => {
    const all = acknowledgments(app);
    // aws-cdk-lib acknowledges a few of its own template-validation findings (the VPC flow log's
    // camelCase DestinationOptions); those are not ours to reason about.
    const cdkOwn = all.filter((ack) => ack.id.startsWith('CloudFormation-Validate::'));
    expect(cdkOwn.map((ack) => ack.path)).toEqual(cdkOwn.map(() => expect.stringMatching(/\/Network\/Vpc\/rejected$/)));
    const acks = all.filter((ack) => !cdkOwn.includes(ack));
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(ack.id).toMatch(/^(Annotation::)?(AwsSolutions-[A-Z]+\d+|Serverless-[A-Za-z]+)/);
      expect(ack.reason.length).toBeGreaterThan(30);
    }
  });
});
