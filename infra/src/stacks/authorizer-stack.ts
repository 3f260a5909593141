import { FUNCTION_ENV } from '@cruddur/shared/contract';
import { CfnOutput, Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { FUNCTION_SIZING } from '../config';
import { alarmAction } from '../constructs/alarm-action';
import { AvatarFunction } from '../constructs/avatar-function';
import { readSharedParameter } from '../constructs/shared-parameters';
import { functionName } from '../names';
import { removalPolicyOf, type FunctionStackProps } from './avatars-stack-props';

/** The Lambda authorizer. It verifies Cognito JWTs offline and is granted no AWS permission at all. */
export class AuthorizerStack extends Stack {
  public readonly authorizer: AvatarFunction;

  constructor(scope: Construct, id: string, props: FunctionStackProps) {
    const { config } = props;
    super(scope, id, {
      ...props,
      description: `cruddur avatars (${config.stage}): Cognito access-token authorizer`,
    });

    // Ids from context (an existing pool), else from the stage's SSM parameters (the auth stack's, or set by hand).
    const cognito = config.cognito ?? {
      userPoolId: readSharedParameter(this, config.stage, 'cognitoUserPoolId'),
      clientId: readSharedParameter(this, config.stage, 'cognitoClientId'),
    };

    this.authorizer = new AvatarFunction(this, 'Authorizer', {
      functionName: functionName(config.stage, 'authorizer'),
      description: 'Verifies the Cognito access token of API requests',
      assetDir: props.assetDir,
      serviceName: 'authorizer',
      stage: config.stage,
      logLevel: config.logLevel,
      sizing: FUNCTION_SIZING.authorizer,
      logRetention: config.logRetention,
      removalPolicy: removalPolicyOf(config),
      alarmAction: alarmAction(this, config),
      environment: {
        [FUNCTION_ENV.authorizer.cognitoUserPoolId]: cognito.userPoolId,
        [FUNCTION_ENV.authorizer.cognitoClientId]: cognito.clientId,
      },
    });

    new CfnOutput(this, 'FunctionName', { value: this.authorizer.function.functionName });
  }
}
