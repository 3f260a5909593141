import { Match, Template } from 'aws-cdk-lib/assertions';
import { InfraConfigError } from '../../../src/errors';
import { buildTestApp } from '../../helpers/avatars-app';
import { nagViolations } from '../../helpers/template-queries';

const DOMAIN = { assetsDomain: 'assets.example.com', hostedZoneId: 'Z0123456789ABC', hostedZoneName: 'example.com' };
const ACCOUNT = '123456789012';

describe('assets on a custom domain, stage outside us-east-1', () => {
  const { stacks } = buildTestApp({
    context: { ...DOMAIN, account: ACCOUNT, region: 'eu-west-1' },
  });
  const certificateStack = stacks.certificate!;
  const storage = Template.fromStack(stacks.storage);

  it('issues the certificate in us-east-1, validated by DNS in the existing zone', () => {
    expect(certificateStack.region).toBe('us-east-1');
    expect(certificateStack.stackName).toBe('cruddur-avatars-test-certificate');
    Template.fromStack(certificateStack).hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: 'assets.example.com',
      ValidationMethod: 'DNS',
      DomainValidationOptions: [{ DomainName: 'assets.example.com', HostedZoneId: 'Z0123456789ABC' }],
    });
  });

  it('serves the domain with TLS 1.2+ through the us-east-1 certificate, read without an export lock', () => {
    storage.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['assets.example.com'],
        ViewerCertificate: {
          AcmCertificateArn: { 'Fn::GetStackOutput': Match.objectLike({ Region: 'us-east-1', StackName: 'cruddur-avatars-test-certificate' }) },
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        },
      }),
    });
    expect(JSON.stringify(storage.toJSON())).not.toContain('Fn::ImportValue');
  });

  it('points A and AAAA alias records at the distribution', () => {
    for (const type of ['A', 'AAAA']) {
      storage.hasResourceProperties('AWS::Route53::RecordSet', {
        Name: 'assets.example.com.',
        Type: type,
        HostedZoneId: 'Z0123456789ABC',
        AliasTarget: {
          DNSName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CdnDistribution'), 'DomainName'] },
          HostedZoneId: Match.anyValue(),
        },
      });
    }
    storage.hasOutput('CdnUrl', { Value: 'https://assets.example.com' });
  });

  it('stays cdk-nag clean with a custom domain', () => {
    expect(nagViolations(stacks.storage)).toEqual([]);
    expect(nagViolations(certificateStack)).toEqual([]);
  });
});

describe('assets on a custom domain, other regions and environments', () => {
  it('keeps the certificate in the storage stack when the stage itself is in us-east-1', () => {
    const { stacks } = buildTestApp({ context: { ...DOMAIN, account: ACCOUNT, region: 'us-east-1' } });
    expect(stacks.certificate).toBeUndefined();
    Template.fromStack(stacks.storage).resourceCountIs('AWS::CertificateManager::Certificate', 1);
  });

  it('refuses an environment-agnostic synth, since the certificate stack needs a concrete account', () => {
    const devStage = { stage: 'dev', devStage: 'true', account: '', region: '' };
    expect(() => buildTestApp({ context: { ...DOMAIN, ...devStage } })).toThrow(InfraConfigError);
    expect(() => buildTestApp({ context: { ...DOMAIN, ...devStage } })).toThrow(/assetsDomain needs an explicit account and region/);
  });
});
