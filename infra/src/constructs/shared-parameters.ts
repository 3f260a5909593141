import * as ssm from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { parameterName, type SharedParameter } from '../names';

/**
 * Publishes a value for other stacks of the stage. Readers resolve it when they deploy, so the
 * writer can change it without the CloudFormation export lock that `Fn::ImportValue` brings.
 */
export function publishSharedParameter(
  scope: Construct,
  stage: string,
  parameter: SharedParameter,
  value: string,
): ssm.StringParameter {
  return new ssm.StringParameter(scope, `${parameter}Parameter`, {
    parameterName: parameterName(stage, parameter),
    stringValue: value,
    description: `cruddur-avatars ${stage}: ${parameter} (read by other stacks at deploy time)`,
  });
}

/** Reads a value another stack published; resolved by CloudFormation at deploy time. */
export function readSharedParameter(scope: Construct, stage: string, parameter: SharedParameter): string {
  return ssm.StringParameter.valueForStringParameter(scope, parameterName(stage, parameter));
}
