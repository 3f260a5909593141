import { Match, Template } from 'aws-cdk-lib/assertions';
import { InfraConfigError } from '../../../src/errors';
import { buildTestApp, sharedTestApp } from '../../helpers/avatars-app';
import { nagViolations } from '../../helpers/template-queries';

const ACCOUNT = '123456789012';
const RATE_RULE = {
  Name: 'RateLimitPerIp',
  Priority: 0,
  Action: { Block: {} },
  Statement: { RateBasedStatement: { Limit: 2000, AggregateKeyType: 'IP', EvaluationWindowSec: 300 } },
  VisibilityConfig: Match.objectLike({ CloudWatchMetricsEnabled: true }),
};

describe('the CDN web ACL is off by default', () => {
  const { stacks } = sharedTestApp('test');

  it('creates no web ACL and attaches none to the distribution', () => {
    expect(stacks.waf).toBeUndefined();
    for (const stack of Object.values(stacks)) {
      if (stack) Template.fromStack(stack).resourceCountIs('AWS::WAFv2::WebACL', 0);
    }
    const distribution = Object.values(Template.fromStack(stacks.storage).findResources('AWS::CloudFront::Distribution'))[0]!;
    expect(distribution['Properties'].DistributionConfig.WebACLId).toBeUndefined();
  });
});

describe('wafRateLimit, stage outside us-east-1', () => {
  const { stacks } = buildTestApp({ context: { wafRateLimit: '2000', account: ACCOUNT, region: 'eu-west-1' } });
  const waf = stacks.waf!;

  it('makes a CLOUDFRONT web ACL in us-east-1 with one rate-based rule per client IP, allowing the rest', () => {
    expect(waf.region).toBe('us-east-1');
    expect(waf.stackName).toBe('cruddur-avatars-test-waf');
    const template = Template.fromStack(waf);
    template.resourceCountIs('AWS::WAFv2::WebACL', 1);
    template.hasResourceProperties('AWS::WAFv2::WebACL', { Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} }, Rules: [RATE_RULE] });
  });

  it('attaches it to the distribution, read without an export lock', () => {
    const storage = Template.fromStack(stacks.storage);
    storage.resourceCountIs('AWS::WAFv2::WebACL', 0);
    storage.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        WebACLId: { 'Fn::GetStackOutput': Match.objectLike({ Region: 'us-east-1', StackName: 'cruddur-avatars-test-waf' }) },
      }),
    });
    expect(JSON.stringify(storage.toJSON())).not.toContain('Fn::ImportValue');
  });

  it('stays cdk-nag clean, with the WAF finding (CFR2) no longer acknowledged', () => {
    expect(nagViolations(stacks.storage)).toEqual([]);
    expect(nagViolations(waf)).toEqual([]);
    const suppressed = JSON.stringify(Template.fromStack(stacks.storage).toJSON());
    expect(suppressed).not.toContain('AwsSolutions-CFR2');
  });
});

describe('wafRateLimit, other regions and values', () => {
  it('keeps the web ACL in the storage stack when the stage itself is in us-east-1', () => {
    const { stacks } = buildTestApp({ context: { wafRateLimit: '2000', account: ACCOUNT, region: 'us-east-1' } });
    expect(stacks.waf).toBeUndefined();
    const storage = Template.fromStack(stacks.storage);
    storage.hasResourceProperties('AWS::WAFv2::WebACL', { Scope: 'CLOUDFRONT', Rules: [RATE_RULE] });
    storage.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ WebACLId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AssetsWebAcl'), 'Arn'] } }),
    });
  });

  it('refuses an environment-agnostic synth, since the web ACL stack needs a concrete account and region', () => {
    const devStage = { stage: 'dev', devStage: 'true', account: '', region: '' };
    expect(() => buildTestApp({ context: { wafRateLimit: '2000', ...devStage } })).toThrow(/wafRateLimit needs an explicit account and region/);
  });

  it.each(['9', '0', 'lots', '2000000001'])('refuses wafRateLimit=%s', (value) => {
    expect(() => buildTestApp({ context: { wafRateLimit: value } })).toThrow(InfraConfigError);
  });
});
