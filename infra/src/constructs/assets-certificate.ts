import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';

export interface AssetsCertificateProps {
  /** e.g. `assets.example.com` */
  readonly domainName: string;
  /** Existing zone the DNS validation record is written to. */
  readonly hostedZone: route53.IHostedZone;
}

/** The CDN's TLS certificate. CloudFront only accepts certificates from us-east-1. */
export class AssetsCertificate extends Construct {
  public readonly certificate: acm.Certificate;

  constructor(scope: Construct, id: string, props: AssetsCertificateProps) {
    super(scope, id);
    this.certificate = new acm.Certificate(this, 'Certificate', {
      domainName: props.domainName,
      validation: acm.CertificateValidation.fromDns(props.hostedZone),
    });
  }
}
