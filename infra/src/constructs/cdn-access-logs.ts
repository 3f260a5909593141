import { ArnFormat, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface CdnAccessLogsProps {
  /** `arn:aws:cloudfront::<account>:distribution/<id>` */
  readonly distributionArn: string;
  /** Unique per account: names the delivery source and destination. */
  readonly namePrefix: string;
  readonly logRetention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * CloudFront standard logging v2: the distribution's access logs as CloudWatch vended logs (a
 * delivery source, a log-group destination and the delivery between them), so no ACL-enabled
 * bucket is needed. CloudFront takes this configuration in us-east-1 only: the construct must be
 * in a stack there.
 */
export class CdnAccessLogs extends Construct {
  public readonly logGroup: logs.LogGroup;
  public readonly delivery: logs.CfnDelivery;

  constructor(scope: Construct, id: string, props: CdnAccessLogsProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'LogGroup', { retention: props.logRetention, removalPolicy: props.removalPolicy });
    const source = new logs.CfnDeliverySource(this, 'Source', {
      name: `${props.namePrefix}-cdn-access`,
      logType: 'ACCESS_LOGS',
      resourceArn: props.distributionArn,
    });
    const destination = new logs.CfnDeliveryDestination(this, 'Destination', {
      name: `${props.namePrefix}-cdn-access-logs`,
      // The log group's ARN without the trailing ":*" of its Arn attribute.
      destinationResourceArn: Stack.of(this).formatArn({
        service: 'logs',
        resource: 'log-group',
        resourceName: this.logGroup.logGroupName,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      }),
      outputFormat: 'json',
    });
    this.delivery = new logs.CfnDelivery(this, 'Delivery', {
      deliverySourceName: source.name,
      deliveryDestinationArn: destination.attrArn,
    });
    this.delivery.addResourceDependency(source);
  }
}
