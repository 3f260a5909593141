import { CfnOutput, Stack } from 'aws-cdk-lib';
import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as route53 from 'aws-cdk-lib/aws-route53';
import type { Construct } from 'constructs';
import { PROJECT_NAME } from '../names';
import { ASSETS_PREFIX, UPLOADS_PREFIX } from '../config';
import { AssetsCdn, type AssetsCdnDomainProps } from '../constructs/assets-cdn';
import { AssetsCertificate } from '../constructs/assets-certificate';
import { AssetsWebAcl } from '../constructs/assets-web-acl';
import { CdnAccessLogs } from '../constructs/cdn-access-logs';
import { AvatarStorage } from '../constructs/avatar-storage';
import { publishSharedParameter } from '../constructs/shared-parameters';
import { suppress } from '../nag';
import { removalPolicyOf, type AvatarsStackProps } from './avatars-stack-props';

export interface StorageStackProps extends AvatarsStackProps {
  /** Certificate made by the us-east-1 certificate stack; absent: made here (this stack is in us-east-1). */
  readonly certificate?: acm.ICertificate;
  /** Web ACL made by the us-east-1 WAF stack; absent with `wafRateLimit`: made here (this stack is in us-east-1). */
  readonly webAclArn?: string;
}

/** Shared storage and delivery: uploads and assets buckets, the CDN, and the names other stacks read. */
export class StorageStack extends Stack {
  public readonly storage: AvatarStorage;
  public readonly cdn: AssetsCdn;
  /** Only when this stack is in us-east-1 (elsewhere: the cdn-logs stack there). */
  public readonly cdnAccessLogs?: CdnAccessLogs;

  constructor(scope: Construct, id: string, props: StorageStackProps) {
    const { config } = props;
    super(scope, id, {
      ...props,
      description: `cruddur avatars (${config.stage}): uploads and assets buckets, CloudFront`,
    });

    this.storage = new AvatarStorage(this, 'Storage', {
      uploadsPrefix: UPLOADS_PREFIX,
      uploadRetentionDays: config.uploadRetentionDays,
      webOrigins: config.webOrigins,
      removalPolicy: removalPolicyOf(config),
    });

    let domain: AssetsCdnDomainProps | undefined;
    if (config.assetsDomain) {
      const hostedZone = route53.HostedZone.fromHostedZoneAttributes(this, 'HostedZone', {
        hostedZoneId: config.assetsDomain.hostedZoneId,
        zoneName: config.assetsDomain.hostedZoneName,
      });
      const certificate =
        props.certificate ??
        new AssetsCertificate(this, 'AssetsCertificate', { domainName: config.assetsDomain.domainName, hostedZone })
          .certificate;
      domain = { domainName: config.assetsDomain.domainName, hostedZone, certificate };
    }

    const webAclArn =
      props.webAclArn ??
      (config.wafRateLimit === undefined
        ? undefined
        : new AssetsWebAcl(this, 'AssetsWebAcl', { rateLimit: config.wafRateLimit, metricPrefix: id }).webAclArn);

    this.cdn = new AssetsCdn(this, 'Cdn', {
      assetsBucket: this.storage.assetsBucket,
      assetsPrefix: ASSETS_PREFIX,
      domain,
      webAclArn,
    });

    if (config.env.region === 'us-east-1') {
      this.cdnAccessLogs = new CdnAccessLogs(this, 'CdnAccessLogs', {
        distributionArn: this.cdn.distribution.distributionArn,
        namePrefix: `${PROJECT_NAME}-${config.stage}`,
        logRetention: config.logRetention,
        removalPolicy: removalPolicyOf(config),
      });
    }

    publishSharedParameter(this, config.stage, 'uploadsBucketName', this.storage.uploadsBucket.bucketName);
    publishSharedParameter(this, config.stage, 'assetsBucketName', this.storage.assetsBucket.bucketName);
    publishSharedParameter(this, config.stage, 'assetsBaseUrl', this.cdn.baseUrl);
    publishSharedParameter(this, config.stage, 'distributionId', this.cdn.distribution.distributionId);

    new CfnOutput(this, 'CdnUrl', { value: this.cdn.baseUrl, description: 'Base URL avatars are served from' });
    new CfnOutput(this, 'UploadsBucketName', { value: this.storage.uploadsBucket.bucketName });
    new CfnOutput(this, 'AssetsBucketName', { value: this.storage.assetsBucket.bucketName });

    suppress(this.storage.accessLogsBucket, [
      { id: 'AwsSolutions-S1', reason: 'This is the access-log bucket; logging it into itself would loop.' },
    ]);
    suppress(this.cdn.distribution, [
      {
        id: 'AwsSolutions-CFR3',
        reason: config.env.region
          ? 'Access logs go through standard logging v2 (CloudWatch vended logs, in us-east-1); the rule reads only the legacy property, which needs an ACL-enabled bucket this stack forbids.'
          : 'Environment-agnostic dev synth: standard logging v2 must be configured in us-east-1, which needs a known region; S3 server access logs cover the origin.',
      },
      {
        id: 'AwsSolutions-CFR1',
        reason: 'Avatars are public profile pictures for a worldwide audience; no geo restriction applies.',
      },
      ...(webAclArn
        ? []
        : [
            {
              id: 'AwsSolutions-CFR2',
              reason: 'Static, immutable, public images behind OAC with GET/HEAD only; the WAF web ACL is optional (wafRateLimit), off here.',
            },
          ]),
      ...(domain
        ? []
        : [
            {
              id: 'AwsSolutions-CFR4',
              reason:
                'Without a custom domain the default *.cloudfront.net certificate is used, whose TLS policy cannot be changed; setting assetsDomain enables TLSv1.2_2021.',
            },
          ]),
    ]);
    if (config.devStage) {
      // autoDeleteObjects (dev stages only) brings CDK's own provider function.
      suppress(this, [
        {
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason: 'CDK-managed provider of autoDeleteObjects (dev stage only) uses AWSLambdaBasicExecutionRole.',
        },
      ]);
    }
  }
}
