import { Duration, Stack } from 'aws-cdk-lib';
import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as targets from 'aws-cdk-lib/aws-route53-targets';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { OacS3Origin } from './oac-s3-origin';

export interface AssetsCdnDomainProps {
  /** e.g. `assets.example.com` */
  readonly domainName: string;
  readonly hostedZone: route53.IHostedZone;
  /** Must live in us-east-1. */
  readonly certificate: acm.ICertificate;
}

export interface AssetsCdnProps {
  readonly assetsBucket: s3.IBucket;
  /** The only prefix the distribution may read, e.g. `avatars/`. */
  readonly assetsPrefix: string;
  /** Absent: the distribution's own `*.cloudfront.net` name. */
  readonly domain?: AssetsCdnDomainProps;
  /** ARN of a CLOUDFRONT-scope WAF web ACL (us-east-1); absent: none. */
  readonly webAclArn?: string;
}

const ONE_YEAR = Duration.days(365);

/**
 * CloudFront in front of the assets bucket: Origin Access Control (the bucket stays private),
 * HTTPS only, long caching for immutable keys (a new avatar gets a new key), security headers,
 * and optionally a custom domain with A/AAAA alias records.
 */
export class AssetsCdn extends Construct {
  public readonly distribution: cloudfront.Distribution;
  /** `https://<domain>` without a trailing slash. */
  public readonly baseUrl: string;

  constructor(scope: Construct, id: string, props: AssetsCdnProps) {
    super(scope, id);

    const originAccessControl = new cloudfront.S3OriginAccessControl(this, 'OriginAccessControl', {
      signing: cloudfront.Signing.SIGV4_ALWAYS,
      description: 'CloudFront reads cruddur avatar renditions',
    });

    const cachePolicy = new cloudfront.CachePolicy(this, 'ImmutableKeysCachePolicy', {
      comment: 'Avatar keys change with every upload, so an object never changes under its key',
      minTtl: Duration.days(1),
      defaultTtl: ONE_YEAR,
      maxTtl: ONE_YEAR,
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      headerBehavior: cloudfront.CacheHeaderBehavior.none(),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });

    const responseHeadersPolicy = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeadersPolicy', {
      comment: 'Security headers and immutable caching for avatar images',
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
        contentSecurityPolicy: { contentSecurityPolicy: "default-src 'none'; img-src 'self'; sandbox", override: true },
      },
      customHeadersBehavior: {
        customHeaders: [
          // Keep what the thumbnail function set on the object; this only fills the gap.
          { header: 'Cache-Control', value: 'public, max-age=31536000, immutable', override: false },
        ],
      },
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `cruddur avatars (${Stack.of(this).stackName})`,
      defaultBehavior: {
        origin: new OacS3Origin(props.assetsBucket, originAccessControl.originAccessControlId),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD,
        cachePolicy,
        responseHeadersPolicy,
        compress: true,
      },
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      // CacheHitRate for the stage dashboard (a CloudWatch charge per distribution, see the cost table).
      publishAdditionalMetrics: true,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      enableIpv6: true,
      webAclId: props.webAclArn,
      ...(props.domain
        ? {
            domainNames: [props.domain.domainName],
            certificate: props.domain.certificate,
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });

    // Only this distribution, only GetObject, only the renditions prefix.
    props.assetsBucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudFrontReadRenditions',
        principals: [new iam.ServicePrincipal('cloudfront.amazonaws.com')],
        actions: ['s3:GetObject'],
        resources: [props.assetsBucket.arnForObjects(`${props.assetsPrefix}*`)],
        conditions: { StringEquals: { 'AWS:SourceArn': this.distribution.distributionArn } },
      }),
    );

    if (props.domain) {
      const target = route53.RecordTarget.fromAlias(new targets.CloudFrontTarget(this.distribution));
      const recordName = props.domain.domainName;
      new route53.ARecord(this, 'AliasRecord', { zone: props.domain.hostedZone, recordName, target });
      new route53.AaaaRecord(this, 'AliasRecordIpv6', { zone: props.domain.hostedZone, recordName, target });
      this.baseUrl = `https://${props.domain.domainName}`;
    } else {
      this.baseUrl = `https://${this.distribution.distributionDomainName}`;
    }
  }
}
