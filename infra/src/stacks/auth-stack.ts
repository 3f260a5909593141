import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { publishSharedParameter } from '../constructs/shared-parameters';
import { suppress } from '../nag';
import { removalPolicyOf, type AvatarsStackProps } from './avatars-stack-props';

/**
 * Optional shared stack for a team starting from nothing: a Cognito user pool (e-mail as sign-in
 * alias, strong passwords) and the app client the web page signs in with. Only made when no pool
 * is given (cognitoUserPoolId / cognitoClientId); its ids go through SSM like the other shared names,
 * exactly where the authorizer already reads them.
 */
export class AuthStack extends Stack {
  public readonly userPool: cognito.UserPool;
  public readonly client: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, props: AvatarsStackProps) {
    const { config } = props;
    super(scope, id, { ...props, description: `cruddur avatars (${config.stage}): Cognito user pool and web client` });

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      // Sign in with the username or the verified e-mail, as the page's "Username or email" field says.
      signInAliases: { username: true, email: true },
      autoVerify: { email: true },
      selfSignUpEnabled: false,
      signInCaseSensitive: false,
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      // Essentials: password history and the managed features that carry no per-user charge.
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      deletionProtection: !config.devStage,
      removalPolicy: removalPolicyOf(config),
    });
    // The flows apps/web/src/cognito.ts uses: InitiateAuth USER_PASSWORD_AUTH, then REFRESH_TOKEN_AUTH.
    this.client = this.userPool.addClient('WebClient', {
      authFlows: { userPassword: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });

    publishSharedParameter(this, config.stage, 'cognitoUserPoolId', this.userPool.userPoolId);
    publishSharedParameter(this, config.stage, 'cognitoClientId', this.client.userPoolClientId);
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.client.userPoolClientId });

    suppress(this.userPool, [
      {
        id: 'AwsSolutions-COG2',
        reason: 'The web page has no MFA step yet (USER_PASSWORD_AUTH only); MFA comes with the sign-in UI that can ask for it.',
      },
      ...['AwsSolutions-COG3', 'AwsSolutions-COG8'].map((ruleId) => ({
        id: ruleId,
        reason: 'Threat protection (advanced security) needs the paid Plus feature plan, billed per active user; this stack stays on Essentials.',
      })),
    ]);
  }
}
