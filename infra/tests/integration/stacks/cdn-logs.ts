import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildTestApp, sharedTestApp } from '../../helpers/avatars-app';
import { nagViolations } from '../../helpers/template-queries';

const ACCOUNT = '123456789012';

function expectVendedAccessLogs(template: Template, distributionArn: unknown) {
  template.hasResourceProperties('AWS::Logs::DeliverySource', { LogType: 'ACCESS_LOGS', ResourceArn: distributionArn, Name: Match.stringLikeRegexp('^cruddur-avatars-[a-z]+-cdn-access$') });
  template.hasResourceProperties('AWS::Logs::DeliveryDestination', {
    OutputFormat: 'json',
    // In us-east-1, beside the source: CloudFront delivers its logs there.
    DestinationResourceArn: { 'Fn::Join': ['', ['arn:aws:logs:us-east-1:123456789012:log-group:', { Ref: Match.stringLikeRegexp('LogGroup') }]] },
  });
  template.hasResourceProperties('AWS::Logs::Delivery', {
    DeliverySourceName: Match.anyValue(),
    DeliveryDestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('Destination'), 'Arn'] },
  });
  template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  // No legacy logging, so no ACL-enabled bucket anywhere.
  expect(JSON.stringify(template.toJSON())).not.toContain('"Logging"');
}

describe('CloudFront standard logging v2 (vended logs, no ACLs), stage outside us-east-1', () => {
  const { stacks } = sharedTestApp('prod');
  const cdnLogs = stacks.cdnLogs!;

  it('configures the delivery in us-east-1, after the storage stack, for its distribution (no export lock)', () => {
    expect(cdnLogs.region).toBe('us-east-1');
    expect(cdnLogs.stackName).toBe('cruddur-avatars-prod-cdn-logs');
    expect(cdnLogs.dependencies).toContain(stacks.storage);
    const template = Template.fromStack(cdnLogs);
    expectVendedAccessLogs(template, {
      'Fn::Join': [
        '',
        [
          'arn:aws:cloudfront::123456789012:distribution/',
          { 'Fn::GetStackOutput': Match.objectLike({ Region: 'eu-west-1', StackName: 'cruddur-avatars-prod-storage' }) },
        ],
      ],
    });
    expect(JSON.stringify(template.toJSON())).not.toContain('Fn::ImportValue');
    Template.fromStack(stacks.storage).resourceCountIs('AWS::Logs::DeliverySource', 0);
  });

  it('stays cdk-nag clean', () => {
    expect(nagViolations(cdnLogs)).toEqual([]);
    expect(nagViolations(stacks.storage)).toEqual([]);
  });
});

describe('CloudFront standard logging v2, other regions', () => {
  it('lives in the storage stack when the stage is in us-east-1', () => {
    const { stacks } = buildTestApp({ context: { account: ACCOUNT, region: 'us-east-1' } });
    expect(stacks.cdnLogs).toBeUndefined();
    expectVendedAccessLogs(Template.fromStack(stacks.storage), {
      'Fn::Join': ['', ['arn:aws:cloudfront::123456789012:distribution/', { Ref: Match.stringLikeRegexp('^CdnDistribution') }]],
    });
  });

  it('is absent from an environment-agnostic dev synth (its region is unknown), which keeps S3 access logs only', () => {
    const { stacks } = buildTestApp({ context: { stage: 'dev', devStage: 'true', account: '', region: '' } });
    expect(stacks.cdnLogs).toBeUndefined();
    Template.fromStack(stacks.storage).resourceCountIs('AWS::Logs::DeliverySource', 0);
  });
});
