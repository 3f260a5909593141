import { Stack } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import type { Construct } from 'constructs';
import type { AssetsDomainConfig } from '../config';
import { AssetsCertificate } from '../constructs/assets-certificate';
import type { AvatarsStackProps } from './avatars-stack-props';

export interface CertificateStackProps extends AvatarsStackProps {
  readonly assetsDomain: AssetsDomainConfig;
}

/**
 * Only created when the stage has a custom assets domain and lives outside us-east-1: CloudFront
 * takes its certificate from us-east-1, handed over with CDK's cross-region (SSM) references.
 */
export class CertificateStack extends Stack {
  public readonly assetsCertificate: AssetsCertificate;

  constructor(scope: Construct, id: string, props: CertificateStackProps) {
    super(scope, id, {
      ...props,
      description: `cruddur avatars (${props.config.stage}): TLS certificate of ${props.assetsDomain.domainName}`,
    });
    const hostedZone = route53.HostedZone.fromHostedZoneAttributes(this, 'HostedZone', {
      hostedZoneId: props.assetsDomain.hostedZoneId,
      zoneName: props.assetsDomain.hostedZoneName,
    });
    this.assetsCertificate = new AssetsCertificate(this, 'AssetsCertificate', {
      domainName: props.assetsDomain.domainName,
      hostedZone,
    });
  }
}
