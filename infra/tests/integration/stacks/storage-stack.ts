import { UPLOADS_BUCKET_CORS } from '@cruddur/shared/contract';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { TEST_CONTEXT, sharedTestApp } from '../../helpers/avatars-app';
import { flattenJoin } from '../../helpers/template-queries';

describe('StorageStack (production-like stage, CloudFront domain)', () => {
  const { stacks } = sharedTestApp('test');
  const template = Template.fromStack(stacks.storage);
  const buckets = template.findResources('AWS::S3::Bucket');
  const logicalIdOf = (prefix: string) => {
    const id = Object.keys(buckets).find((k) => k.startsWith(prefix));
    if (!id) throw new Error(`no bucket ${prefix}`);
    return id;
  };
  const uploads = logicalIdOf('StorageUploadsBucket');
  const assets = logicalIdOf('StorageAssetsBucket');

  it('has the uploads, assets and access-log buckets, all private, encrypted, ACL-free and retained', () => {
    expect(Object.keys(buckets)).toHaveLength(3);
    for (const bucket of Object.values(buckets)) {
      expect(bucket['Properties']).toMatchObject({
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      });
      expect(bucket['Properties'].AccessControl).toBeUndefined();
      expect(bucket['DeletionPolicy']).toBe('RetainExceptOnCreate');
    }
    template.resourceCountIs('Custom::S3AutoDeleteObjects', 0);
  });

  it('sends the assets bucket\'s events to EventBridge (deleted renditions get invalidated), natively: no notifications custom resource', () => {
    expect(buckets[assets]!['Properties'].NotificationConfiguration).toEqual({ EventBridgeConfiguration: { EventBridgeEnabled: true } });
    expect(buckets[uploads]!['Properties'].NotificationConfiguration).toBeUndefined();
    template.resourceCountIs('Custom::S3BucketNotifications', 0);
    template.resourceCountIs('AWS::Lambda::Function', 0);
  });

  it('denies non-TLS and pre-TLS1.2 requests on every bucket', () => {
    const policies = template.findResources('AWS::S3::BucketPolicy');
    expect(Object.keys(policies)).toHaveLength(3);
    for (const policy of Object.values(policies)) {
      expect(policy['Properties'].PolicyDocument.Statement).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            Effect: 'Deny',
            Action: 's3:*',
            Principal: { AWS: '*' },
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
          expect.objectContaining({
            Effect: 'Deny',
            Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } },
          }),
        ]),
      );
    }
  });

  it('expires unprocessed originals under the uploads prefix after 1 day and aborts stale multipart uploads', () => {
    expect(buckets[uploads]?.['Properties'].LifecycleConfiguration.Rules).toEqual([
      { Id: 'expire-unprocessed-uploads', Prefix: 'uploads/avatars/', ExpirationInDays: 14, Status: 'Enabled' },
      {
        Id: 'abort-incomplete-multipart-uploads',
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
        Status: 'Enabled',
      },
    ]);
  });

  it('lets only the configured web origins PUT to the uploads bucket (CORS), and the assets bucket none', () => {
    expect(buckets[uploads]?.['Properties'].CorsConfiguration).toEqual({
      CorsRules: [
        {
          AllowedOrigins: TEST_CONTEXT.webOrigins.split(','),
          // The contract's rule (pinned in its cors spec), which the local stack's S3 front answers with too.
          AllowedMethods: [...UPLOADS_BUCKET_CORS.allowedMethods],
          AllowedHeaders: [...UPLOADS_BUCKET_CORS.allowedHeaders],
          ExposedHeaders: [...UPLOADS_BUCKET_CORS.exposedHeaders],
          MaxAge: UPLOADS_BUCKET_CORS.maxAgeSeconds,
        },
      ],
    });
    expect(buckets[assets]?.['Properties'].CorsConfiguration).toBeUndefined();
  });

  it('logs both data buckets to the access-log bucket', () => {
    for (const id of [uploads, assets]) {
      expect(buckets[id]?.['Properties'].LoggingConfiguration).toEqual({
        DestinationBucketName: { Ref: logicalIdOf('StorageAccessLogsBucket') },
        LogFilePrefix: expect.any(String),
      });
    }
  });

  it('serves assets through CloudFront with an Origin Access Control, never an OAI, HTTPS only', () => {
    template.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 0);
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' },
    });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Enabled: true,
        HttpVersion: 'http2and3',
        Aliases: Match.absent(),
        Origins: [
          Match.objectLike({
            DomainName: { 'Fn::GetAtt': [assets, 'RegionalDomainName'] },
            OriginAccessControlId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CdnOriginAccessControl'), 'Id'] },
            S3OriginConfig: { OriginAccessIdentity: '' },
          }),
        ],
        DefaultCacheBehavior: Match.objectLike({
          ViewerProtocolPolicy: 'https-only',
          AllowedMethods: ['GET', 'HEAD'],
          Compress: true,
          CachePolicyId: { Ref: Match.stringLikeRegexp('^CdnImmutableKeysCachePolicy') },
          ResponseHeadersPolicyId: { Ref: Match.stringLikeRegexp('^CdnSecurityHeadersPolicy') },
        }),
      }),
    });
  });

  it('grants the distribution (and only it) GetObject on the renditions prefix of the assets bucket', () => {
    const [assetsPolicy] = Object.values(
      template.findResources('AWS::S3::BucketPolicy', { Properties: { Bucket: { Ref: assets } } }),
    );
    const allows = (assetsPolicy?.['Properties'].PolicyDocument.Statement as Array<Record<string, unknown>>).filter(
      (s) => s['Effect'] === 'Allow',
    );
    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Action: 's3:GetObject',
      Condition: { StringEquals: { 'AWS:SourceArn': expect.anything() } },
    });
    expect(flattenJoin(allows[0]?.['Resource'])).toBe(`\${${assets}.Arn}/avatars/*`);
    expect(flattenJoin((allows[0]?.['Condition'] as Record<string, Record<string, unknown>>)['StringEquals']?.['AWS:SourceArn'])).toMatch(
      /^arn:aws:cloudfront::123456789012:distribution\/\$\{CdnDistribution[0-9A-F]+\}$/,
    );
  });

  it('caches immutable keys for a year, ignoring cookies, headers and query strings', () => {
    template.hasResourceProperties('AWS::CloudFront::CachePolicy', {
      CachePolicyConfig: Match.objectLike({
        DefaultTTL: 31_536_000,
        MaxTTL: 31_536_000,
        ParametersInCacheKeyAndForwardedToOrigin: Match.objectLike({
          CookiesConfig: { CookieBehavior: 'none' },
          HeadersConfig: { HeaderBehavior: 'none' },
          QueryStringsConfig: { QueryStringBehavior: 'none' },
        }),
      }),
    });
  });

  it('adds security response headers', () => {
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          StrictTransportSecurity: Match.objectLike({ AccessControlMaxAgeSec: 63_072_000, IncludeSubdomains: true }),
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
        }),
      }),
    });
  });

  it('publishes bucket names and the CDN URL as SSM parameters, and never exports', () => {
    for (const name of ['uploads-bucket-name', 'assets-bucket-name', 'assets-base-url']) {
      template.hasResourceProperties('AWS::SSM::Parameter', { Name: `/cruddur-avatars/test/${name}`, Type: 'String' });
    }
    template.hasOutput('CdnUrl', {
      Value: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [Match.stringLikeRegexp('^CdnDistribution'), 'DomainName'] }]] },
    });
    for (const output of Object.values(template.findOutputs('*'))) expect(output['Export']).toBeUndefined();
  });
});
