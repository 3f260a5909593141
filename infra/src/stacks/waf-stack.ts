import { Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { AssetsWebAcl } from '../constructs/assets-web-acl';
import type { AvatarsStackProps } from './avatars-stack-props';

export interface WafStackProps extends AvatarsStackProps {
  readonly rateLimit: number;
}

/**
 * Only created with `wafRateLimit` for a stage outside us-east-1: a CLOUDFRONT-scope web ACL must
 * live in us-east-1, handed to the storage stack's distribution like the certificate is.
 */
export class WafStack extends Stack {
  public readonly assetsWebAcl: AssetsWebAcl;

  constructor(scope: Construct, id: string, props: WafStackProps) {
    super(scope, id, {
      ...props,
      description: `cruddur avatars (${props.config.stage}): WAF web ACL (rate limit) of the CDN`,
    });
    this.assetsWebAcl = new AssetsWebAcl(this, 'AssetsWebAcl', { rateLimit: props.rateLimit, metricPrefix: id });
  }
}
