import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface AssetsWebAclProps {
  /** Requests one client IP may send in any 5-minute window before it is blocked. */
  readonly rateLimit: number;
  /** CloudWatch metric prefix, e.g. the stack name. */
  readonly metricPrefix: string;
}

/**
 * The CDN's optional AWS WAF web ACL (scope CLOUDFRONT, so it must live in us-east-1): one
 * rate-based rule that blocks a client IP above `rateLimit` requests per 5 minutes; everything
 * else is allowed (the distribution serves public, immutable images behind OAC).
 */
export class AssetsWebAcl extends Construct {
  public readonly webAcl: wafv2.CfnWebACL;
  public readonly webAclArn: string;

  constructor(scope: Construct, id: string, props: AssetsWebAclProps) {
    super(scope, id);
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      description: `Rate limit per client IP in front of the avatars CDN: ${props.rateLimit} requests per 5 min`,
      defaultAction: { allow: {} },
      visibilityConfig: { cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: `${props.metricPrefix}-cdn` },
      rules: [
        {
          name: 'RateLimitPerIp',
          priority: 0,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: props.rateLimit, aggregateKeyType: 'IP', evaluationWindowSec: 300 } },
          visibilityConfig: { cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: `${props.metricPrefix}-rate-limit` },
        },
      ],
    });
    this.webAclArn = this.webAcl.attrArn;
  }
}
