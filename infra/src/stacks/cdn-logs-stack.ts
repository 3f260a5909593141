import { Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { PROJECT_NAME } from '../names';
import { CdnAccessLogs } from '../constructs/cdn-access-logs';
import { removalPolicyOf, type AvatarsStackProps } from './avatars-stack-props';

export interface CdnLogsStackProps extends AvatarsStackProps {
  readonly distributionArn: string;
}

/**
 * For a stage outside us-east-1: CloudFront takes its standard logging (v2) configuration in
 * us-east-1 only, so the delivery lives here, deployed after the storage stack whose distribution
 * it logs (its ARN read through Fn::GetStackOutput, no export lock).
 */
export class CdnLogsStack extends Stack {
  public readonly accessLogs: CdnAccessLogs;

  constructor(scope: Construct, id: string, props: CdnLogsStackProps) {
    super(scope, id, {
      ...props,
      description: `cruddur avatars (${props.config.stage}): CloudFront access logs (standard logging v2)`,
    });
    this.accessLogs = new CdnAccessLogs(this, 'CdnAccessLogs', {
      distributionArn: props.distributionArn,
      namePrefix: `${PROJECT_NAME}-${props.config.stage}`,
      logRetention: props.config.logRetention,
      removalPolicy: removalPolicyOf(props.config),
    });
  }
}
